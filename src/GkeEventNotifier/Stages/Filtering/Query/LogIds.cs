using System.Text.Json;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// <c>log_id("cloudaudit.googleapis.com/activity")</c> against <c>logName</c>
/// (<c>projects/P/logs/cloudaudit.googleapis.com%2Factivity</c>): the log ID is what follows <c>/logs/</c>, with <c>%2F</c> read as <c>/</c>.
/// </summary>
internal static class LogIds
{
    public static bool Matches(JsonElement entry, string logId)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("logName", out var logName) || logName.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        using var text = LeafText.Of(logName);
        return Matches(text.Span, logId);
    }

    /// <summary>The text of a logName against the log ID.</summary>
    public static bool Matches(ReadOnlySpan<char> name, string logId)
    {
        var at = name.LastIndexOf("/logs/", StringComparison.Ordinal);
        return at >= 0 && EqualsDecoded(name[(at + "/logs/".Length)..], logId);
    }

    private static bool EqualsDecoded(ReadOnlySpan<char> encoded, string logId)
    {
        var i = 0;
        foreach (var expected in logId)
        {
            if (i >= encoded.Length)
            {
                return false;
            }

            var isSlash = encoded[i] == '%' && encoded.Length - i >= 3 && encoded.Slice(i + 1, 2).Equals("2F", StringComparison.OrdinalIgnoreCase);
            var actual = isSlash ? '/' : encoded[i];
            if (char.ToUpperInvariant(actual) != char.ToUpperInvariant(expected))
            {
                return false;
            }

            i += isSlash ? 3 : 1;
        }

        return i == encoded.Length;
    }
}
