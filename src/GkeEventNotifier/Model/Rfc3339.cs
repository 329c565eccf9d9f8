using System.Globalization;

namespace GkeEventNotifier.Model;

/// <summary>
/// RFC 3339 timestamps as Cloud Logging writes them: Z-normalised with 0 to 9 fractional digits.
/// .NET keeps 7 digits (100 ns ticks), so the extra nanosecond digits are dropped rather than rejected.
/// </summary>
public static class Rfc3339
{
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var normalised = TrimFraction(text);
        return DateTimeOffset.TryParse(
            normalised,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value) && HasDateAndTime(text);
    }

    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool HasDateAndTime(string text) => text.Length >= 19 && (text[10] == 'T' || text[10] == 't' || text[10] == ' ');

    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        var digits = end - dot - 1;
        return digits <= 7 ? text : string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
    }
}
