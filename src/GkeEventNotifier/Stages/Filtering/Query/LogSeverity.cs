namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>The LogSeverity enum: comparisons use its numbers, so <c>severity &gt;= WARNING</c> includes ERROR.</summary>
internal static class LogSeverity
{
    private static readonly (string Name, int Value)[] Levels =
    [
        ("DEFAULT", 0), ("DEBUG", 100), ("INFO", 200), ("NOTICE", 300), ("WARNING", 400),
        ("ERROR", 500), ("CRITICAL", 600), ("ALERT", 700), ("EMERGENCY", 800),
    ];

    public static IEnumerable<string> Names => Levels.Select(l => l.Name);

    /// <summary>A name in any letter case, or the enum's number (JSON may carry either).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int value)
    {
        foreach (var (name, level) in Levels)
        {
            if (text.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = level;
                return true;
            }
        }

        var parsed = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
        var number = value;
        return parsed && Array.Exists(Levels, l => l.Value == number);
    }
}
