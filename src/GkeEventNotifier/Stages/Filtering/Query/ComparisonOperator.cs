namespace GkeEventNotifier.Stages.Filtering.Query;

internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Has,
    Matches,
    NotMatches,
}

internal static class ComparisonOperators
{
    public static bool TryParse(string text, out ComparisonOperator op)
    {
        (var found, op) = text switch
        {
            "=" => (true, ComparisonOperator.Equal),
            "!=" => (true, ComparisonOperator.NotEqual),
            "<" => (true, ComparisonOperator.Less),
            "<=" => (true, ComparisonOperator.LessOrEqual),
            ">" => (true, ComparisonOperator.Greater),
            ">=" => (true, ComparisonOperator.GreaterOrEqual),
            ":" => (true, ComparisonOperator.Has),
            "=~" => (true, ComparisonOperator.Matches),
            "!~" => (true, ComparisonOperator.NotMatches),
            _ => (false, ComparisonOperator.Equal),
        };
        return found;
    }

    public static string Text(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.Has => ":",
        ComparisonOperator.Matches => "=~",
        _ => "!~",
    };

    public static bool IsRegex(this ComparisonOperator op) => op is ComparisonOperator.Matches or ComparisonOperator.NotMatches;

    /// <summary>Turns a three-way comparison result into the operator's answer (for = != &lt; &lt;= &gt; &gt;= and has-as-equality).</summary>
    public static bool Accepts(this ComparisonOperator op, int order) => op switch
    {
        ComparisonOperator.Equal or ComparisonOperator.Has => order == 0,
        ComparisonOperator.NotEqual => order != 0,
        ComparisonOperator.Less => order < 0,
        ComparisonOperator.LessOrEqual => order <= 0,
        ComparisonOperator.Greater => order > 0,
        ComparisonOperator.GreaterOrEqual => order >= 0,
        _ => false,
    };
}
