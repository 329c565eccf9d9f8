using System.Text;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// Writes a parsed query back as canonical query text: explicit AND, OR and NOT, every nested group in parentheses,
/// strings quoted, field names in their LogEntry spelling. Parsing the output gives the same query.
/// </summary>
internal static class QueryPrinter
{
    public static string Print(QueryNode node) => node switch
    {
        QueryNode.All => string.Empty,
        QueryNode.And and => string.Join(" AND ", and.Terms.Select(Nested)),
        QueryNode.Or or => string.Join(" OR ", or.Terms.Select(Nested)),
        QueryNode.Not not => "NOT " + Nested(not.Term),
        QueryNode.Comparison c => $"{c.Field}{c.Operator.Text()}{PrintValue(c.Value, nested: true)}",
        QueryNode.Presence p => $"{p.Field}:*",
        QueryNode.Global g => g.Value.ToString(),
        QueryNode.LogId l => $"log_id({QueryText.Quote(l.Id)})",
        _ => string.Empty,
    };

    /// <summary>One top-level AND term per line, and the terms of a top-level OR group one per line, for people to read.</summary>
    public static string PrintMultiline(QueryNode node)
    {
        var terms = node is QueryNode.And and ? and.Terms : [node];
        var text = new StringBuilder();
        for (var i = 0; i < terms.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : "AND ");
            if (terms[i] is QueryNode.Or or && terms.Count > 1)
            {
                text.Append("(\n  ").AppendJoin("\n  OR ", or.Terms.Select(Nested)).Append("\n)\n");
            }
            else
            {
                text.Append(terms.Count > 1 ? Nested(terms[i]) : Print(terms[i])).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Nested(QueryNode node) => node is QueryNode.And or QueryNode.Or ? $"({Print(node)})" : Print(node);

    private static string PrintValue(ValueNode value, bool nested) => value switch
    {
        ValueNode.Leaf leaf => leaf.Literal.ToString(),
        ValueNode.And and => Group(string.Join(" AND ", and.Terms.Select(t => PrintValue(t, nested: true))), nested),
        ValueNode.Or or => Group(string.Join(" OR ", or.Terms.Select(t => PrintValue(t, nested: true))), nested),
        ValueNode.Not not => Group("NOT " + PrintValue(not.Term, nested: true), nested),
        _ => string.Empty,
    };

    private static string Group(string text, bool nested) => nested ? $"({text})" : text;
}
