using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// Compares one JSON value with the right-hand side of a comparison, converting as Google documents: the field's type
/// decides (typed LogEntry fields), or the JSON value's own type (payload fields: string, double, bool). A value that
/// cannot be converted makes the comparison fail. Never throws.
/// </summary>
internal static class ValueMatcher
{
    public static bool MatchTree(ValueNode value, JsonElement leaf, ComparisonOperator op, FieldType type, ref bool timedOut)
    {
        switch (value)
        {
            case ValueNode.Leaf l:
                return Match(leaf, op, l.Literal, type, ref timedOut);
            case ValueNode.And and:
                for (var i = 0; i < and.Terms.Count; i++)
                {
                    if (!MatchTree(and.Terms[i], leaf, op, type, ref timedOut))
                    {
                        return false;
                    }
                }

                return true;
            case ValueNode.Or or:
                for (var i = 0; i < or.Terms.Count; i++)
                {
                    if (MatchTree(or.Terms[i], leaf, op, type, ref timedOut))
                    {
                        return true;
                    }
                }

                return false;
            case ValueNode.Not not:
                return !MatchTree(not.Term, leaf, op, type, ref timedOut);
            default:
                return false;
        }
    }

    public static bool Match(JsonElement leaf, ComparisonOperator op, QueryLiteral literal, FieldType type, ref bool timedOut)
    {
        if (literal.Kind == LiteralKind.Null)
        {
            return (leaf.ValueKind == JsonValueKind.Null) == (op == ComparisonOperator.Equal);
        }

        if (leaf.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return false;
        }

        if (literal.Regex is not null)
        {
            return MatchRegex(leaf, op, literal.Regex, ref timedOut);
        }

        return type switch
        {
            FieldType.Severity => MatchSeverity(leaf, op, literal),
            FieldType.Timestamp => MatchParsed(leaf, op, literal.Timestamp, static (ReadOnlySpan<char> s, out NanoTimestamp v) => NanoTimestamp.TryParse(s, out v)),
            FieldType.Duration => MatchParsed(leaf, op, literal.DurationNanos, static (ReadOnlySpan<char> s, out decimal v) => ProtoDuration.TryParse(s, out v)),
            FieldType.Integer => MatchParsed(leaf, op, literal.Integer, static (ReadOnlySpan<char> s, out long v) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v)),
            _ => MatchByJsonKind(leaf, op, literal),
        };
    }

    private static bool MatchByJsonKind(JsonElement leaf, ComparisonOperator op, QueryLiteral literal) => leaf.ValueKind switch
    {
        JsonValueKind.String => MatchText(leaf, op, literal),
        JsonValueKind.Number => literal.Number is { } number && leaf.TryGetDouble(out var value) && op.Accepts(value.CompareTo(number)),
        JsonValueKind.True or JsonValueKind.False => MatchBool(leaf.ValueKind == JsonValueKind.True, op, literal),
        JsonValueKind.Object => op == ComparisonOperator.Has && JsonTraversal.ContainsAnywhere(leaf, literal.Text),
        _ => false,
    };

    /// <summary>A Boolean value against the literal, for a field compared by its JSON type.</summary>
    public static bool MatchBool(bool value, ComparisonOperator op, QueryLiteral literal) =>
        literal.Bool is { } expected && op.Accepts(value.CompareTo(expected));

    /// <summary>
    /// = and != of a string whose raw UTF-8 (<paramref name="rawAscii"/>: no escapes, all ASCII, not empty; else empty)
    /// decides without decoding it; null when its text has to decide (<see cref="MatchText(ReadOnlySpan{char}, ComparisonOperator, QueryLiteral)"/>).
    /// </summary>
    public static bool? MatchAscii(ReadOnlySpan<byte> rawAscii, ComparisonOperator op, QueryLiteral literal) =>
        op is ComparisonOperator.Equal or ComparisonOperator.NotEqual && literal.Ascii is { } ascii && !rawAscii.IsEmpty
            // All ASCII on both sides: ignoring case is ASCII's own case folding, so the bytes decide without decoding them.
            ? Ascii.EqualsIgnoreCase(rawAscii, ascii) == (op == ComparisonOperator.Equal)
            : null;

    /// <summary>A string's text against the literal (not a regular expression), for a string or payload field.</summary>
    public static bool MatchText(ReadOnlySpan<char> text, ComparisonOperator op, QueryLiteral literal) =>
        op == ComparisonOperator.Has
            ? TextFolding.Contains(text, literal.Text)
            : op.Accepts(TextFolding.Compare(text, literal.Text));

    private static bool MatchText(JsonElement leaf, ComparisonOperator op, QueryLiteral literal)
    {
        if (MatchAscii(LeafText.RawAscii(leaf), op, literal) is { } decided)
        {
            return decided;
        }

        using var text = LeafText.Of(leaf);
        return MatchText(text.Span, op, literal);
    }

    private static bool MatchRegex(JsonElement leaf, ComparisonOperator op, Re2Regex regex, ref bool timedOut)
    {
        if (leaf.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        using var text = LeafText.Of(leaf);
        var outcome = regex.Match(text.Span);
        timedOut |= outcome == RegexOutcome.TimedOut;
        return outcome == (op == ComparisonOperator.Matches ? RegexOutcome.Match : RegexOutcome.NoMatch);
    }

    private static bool MatchSeverity(JsonElement leaf, ComparisonOperator op, QueryLiteral literal)
    {
        if (literal.Severity is not { } expected || leaf.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return false;
        }

        using var text = LeafText.Of(leaf);
        return LogSeverity.TryParse(text.Span, out var actual) && op.Accepts(actual.CompareTo(expected));
    }

    private delegate bool SpanParser<T>(ReadOnlySpan<char> text, out T value);

    private static bool MatchParsed<T>(JsonElement leaf, ComparisonOperator op, T? expected, SpanParser<T> parse)
        where T : struct, IComparable<T>
    {
        if (expected is not { } value || leaf.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return false;
        }

        using var text = LeafText.Of(leaf);
        return parse(text.Span, out var actual) && op.Accepts(actual.CompareTo(value));
    }
}
