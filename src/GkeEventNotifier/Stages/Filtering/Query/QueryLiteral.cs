using System.Globalization;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// A value written in the query, converted once, at parse time, to every type it may be compared as, so that
/// evaluation only compares. Binding to a typed field (severity, timestamp, …) rejects values that can never convert.
/// </summary>
internal sealed record QueryLiteral(string Text, LiteralKind Kind, SourcePosition Position)
{
    public double? Number { get; private init; }

    public long? Integer { get; private init; }

    public bool? Bool { get; private init; }

    public int? Severity { get; private init; }

    public NanoTimestamp? Timestamp { get; private init; }

    public decimal? DurationNanos { get; private init; }

    public Re2Regex? Regex { get; private init; }

    /// <summary>The text as UTF-8 when it is all ASCII: compared with a field's raw UTF-8 without decoding it.</summary>
    public byte[]? Ascii { get; private init; }

    public static QueryLiteral Create(string text, LiteralKind kind, SourcePosition position) => new(text, kind, position)
    {
        Number = ParseDouble(text),
        Integer = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? integer : null,
        Bool = text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false : null,
        Severity = LogSeverity.TryParse(text, out var severity) ? severity : null,
        Timestamp = NanoTimestamp.TryParse(text, out var timestamp) ? timestamp : null,
        DurationNanos = ProtoDuration.TryParse(text, out var duration) ? duration : null,
        Ascii = System.Text.Ascii.IsValid(text) ? System.Text.Encoding.ASCII.GetBytes(text) : null,
    };

    /// <summary>Checks this value against the field it is compared with, and compiles it when it is a regular expression.</summary>
    public QueryLiteral BindTo(FieldPath field, ComparisonOperator op, TimeSpan regexTimeout, bool deferRegex)
    {
        if (Kind == LiteralKind.Null)
        {
            return op is ComparisonOperator.Equal or ComparisonOperator.NotEqual ? this : Fail("NULL_VALUE can only be compared with = or !=");
        }

        if (op.IsRegex())
        {
            return field.Type is FieldType.String or FieldType.Dynamic
                ? this with { Regex = Re2Regex.Compile(Text, Position, regexTimeout, deferRegex) }
                : Fail($"regular expressions apply only to string fields, and {field} is not one");
        }

        return field.Type switch
        {
            FieldType.Severity when Severity is null => Fail($"'{Text}' is not a severity ({string.Join(", ", LogSeverity.Names)})"),
            FieldType.Timestamp when Timestamp is null => Fail($"'{Text}' is not a timestamp (RFC 3339 such as \"2026-01-02T15:04:05Z\", or \"2026-01-02\")"),
            FieldType.Duration when DurationNanos is null => Fail($"'{Text}' is not a duration (such as \"3.2s\" or \"500ms\")"),
            FieldType.Integer when Integer is null => Fail($"'{Text}' is not an integer, and {field} is an integer field"),
            FieldType.Bool when Bool is null => Fail($"'{Text}' is not true or false, and {field} is a Boolean field"),
            FieldType.Message when op != ComparisonOperator.Has => Fail($"{field} is a message: compare one of its fields, or search inside it with ':'"),
            _ => this,
        };
    }

    public override string ToString() => Kind switch
    {
        LiteralKind.Null => "NULL_VALUE",
        LiteralKind.Unquoted when Number is not null => Text,
        _ => QueryText.Quote(Text),
    };

    private QueryLiteral Fail(string problem) => throw new QuerySyntaxException(Position, problem);

    private static double? ParseDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : text.Equals("nan", StringComparison.OrdinalIgnoreCase) ? double.NaN
        : text.Equals("infinity", StringComparison.OrdinalIgnoreCase) ? double.PositiveInfinity
        : text.Equals("-infinity", StringComparison.OrdinalIgnoreCase) ? double.NegativeInfinity
        : null;
}
