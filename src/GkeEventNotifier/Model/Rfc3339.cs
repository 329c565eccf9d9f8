using System.Globalization;

namespace GkeEventNotifier.Model;

/// <summary>
/// RFC 3339 timestamps as Cloud Logging writes them: Z-normalised with 0 to 9 fractional digits.
/// .NET keeps 7 digits (100 ns ticks), so the extra nanosecond digits are dropped rather than rejected.
/// </summary>
public static class Rfc3339
{
    public static bool TryParse(string? text, out DateTimeOffset value) => TryParse(text.AsSpan(), out value);

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.IsEmpty)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[64];
        var normalised = TrimFraction(text, buffer);
        return DateTimeOffset.TryParse(
            normalised,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value) && HasDateAndTime(text);
    }

    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool HasDateAndTime(ReadOnlySpan<char> text) => text.Length >= 19 && (text[10] == 'T' || text[10] == 't' || text[10] == ' ');

    /// <summary>The text with at most 7 fractional digits, in <paramref name="buffer"/> when it has to be shortened and fits.</summary>
    private static ReadOnlySpan<char> TrimFraction(ReadOnlySpan<char> text, Span<char> buffer)
    {
        var dot = text.IndexOf('.');
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
        if (digits <= 7)
        {
            return text;
        }

        var kept = text[..(dot + 8)];
        var rest = text[end..];
        if (kept.Length + rest.Length > buffer.Length)
        {
            return string.Concat(kept, rest);
        }

        kept.CopyTo(buffer);
        rest.CopyTo(buffer[kept.Length..]);
        return buffer[..(kept.Length + rest.Length)];
    }
}
