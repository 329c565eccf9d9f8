using System.Text;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Stages.Filtering.Query;

internal sealed partial class QueryPrefilter
{
    /// <summary>An OR indexes its branches by one field when at least this many require it to equal a literal.</summary>
    private const int IndexedBranches = 4;

    /// <summary>Longer values are not looked up: the OR is evaluated branch by branch.</summary>
    private const int LongestIndexedValue = 128;

    /// <summary>
    /// An OR whose branches each require the same field to equal one of a few ASCII literals (the default filter's
    /// <c>jsonPayload.reason="Evicted" OR (jsonPayload.reason="DeadlineExceeded" AND …) OR …</c>), or make no such
    /// requirement. When the field is an ASCII string without escapes, every branch that requires another value is
    /// surely False (ASCII on both sides: ignoring case is ASCII's case folding, as <see cref="ValueMatcher.MatchAscii"/>
    /// compares), so only the branches that require this value and those without a requirement are evaluated. Any other
    /// value evaluates every branch.
    /// </summary>
    private Term.IndexedAny? Indexed(QueryNode.Or or)
    {
        var required = or.Terms.Select(RequiredEquality).ToList();
        var field = required.OfType<(FieldPath Field, List<string> Values)>()
            .GroupBy(r => string.Join('\n', r.Field.Segments))
            .MaxBy(group => group.Count());
        if (field is null || field.Count() < IndexedBranches)
        {
            return null;
        }

        var path = field.First().Field.Segments;
        var branches = or.Terms.Select(Compile).ToArray();
        var byValue = new Dictionary<string, List<Term>>(StringComparer.OrdinalIgnoreCase);
        var others = new List<Term>();
        for (var i = 0; i < branches.Length; i++)
        {
            if (required[i] is not { } requirement || !requirement.Field.Segments.SequenceEqual(path))
            {
                others.Add(branches[i]);
                continue;
            }

            foreach (var value in requirement.Values.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!byValue.TryGetValue(value, out var terms))
                {
                    byValue[value] = terms = [];
                }

                terms.Add(branches[i]);
            }
        }

        return new Term.IndexedAny(
            Paths.IndexOf(path),
            byValue.ToDictionary(pair => pair.Key, pair => (Term)new Term.Junction([.. pair.Value, .. others], Truth.True), StringComparer.OrdinalIgnoreCase),
            new Term.Junction([.. others], Truth.True),
            new Term.Junction(branches, Truth.True));
    }

    /// <summary>The field a term requires to equal one of some ASCII literals (itself, or one of its AND's terms), or null.</summary>
    private static (FieldPath Field, List<string> Values)? RequiredEquality(QueryNode term) => term switch
    {
        QueryNode.Comparison { Operator: ComparisonOperator.Equal } comparison
            when Decidable(comparison.Field) && comparison.Field.Type is FieldType.String or FieldType.Dynamic && AsciiValues(comparison.Value) is { } values
            => (comparison.Field, values),
        QueryNode.And and => and.Terms.Select(RequiredEquality).FirstOrDefault(r => r is not null),
        _ => null,
    };

    /// <summary>The literals of a value or an OR of values, when each is ASCII text (no null, no regular expression).</summary>
    private static List<string>? AsciiValues(ValueNode value)
    {
        switch (value)
        {
            case ValueNode.Leaf { Literal: { Kind: not LiteralKind.Null, Regex: null, Ascii: not null } literal }:
                return [literal.Text];
            case ValueNode.Or or:
                var all = new List<string>();
                foreach (var term in or.Terms)
                {
                    if (AsciiValues(term) is not { } values)
                    {
                        return null;
                    }

                    all.AddRange(values);
                }

                return all;
            default:
                return null;
        }
    }

    private abstract partial class Term
    {
        /// <summary>The branches that can still be true for the field's value (<paramref name="byValue"/>, else <paramref name="others"/>), or <paramref name="every"/> one.</summary>
        public sealed class IndexedAny(int path, Dictionary<string, Term> byValue, Term others, Term every) : Term
        {
            private readonly Dictionary<string, Term>.AlternateLookup<ReadOnlySpan<char>> lookup = byValue.GetAlternateLookup<ReadOnlySpan<char>>();

            public override Truth Evaluate(ParsedLogEntry entry)
            {
                var value = entry.Scanned(path);
                var raw = value is { Kind: ScannedKind.String, Escaped: false, Length: > 0 and <= LongestIndexedValue } ? entry.RawOf(value) : default;
                if (raw.IsEmpty || !Ascii.IsValid(raw))
                {
                    return every.Evaluate(entry);
                }

                Span<char> key = stackalloc char[LongestIndexedValue];
                Ascii.ToUtf16(raw, key, out var length);
                return (lookup.TryGetValue(key[..length], out var candidates) ? candidates : others).Evaluate(entry);
            }
        }
    }
}
