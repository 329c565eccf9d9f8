using System.Globalization;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// Durations as Google documents them for queries: a signed decimal number and a unit (ns, us, ms, s, m, h), e.g.
/// <c>"3.2s"</c> or <c>"999ms"</c>; the JSON form of a LogEntry always uses seconds (<c>"0.015s"</c>). Kept in nanoseconds.
/// </summary>
internal static class ProtoDuration
{
    private static readonly (string Unit, decimal Nanos)[] Units =
    [
        ("ns", 1m), ("us", 1_000m), ("ms", 1_000_000m), ("s", 1_000_000_000m), ("m", 60_000_000_000m), ("h", 3_600_000_000_000m),
    ];

    public static bool TryParse(ReadOnlySpan<char> text, out decimal nanos)
    {
        nanos = 0;
        foreach (var (unit, scale) in Units)
        {
            // "ms" before "s" and "ns"/"us" before "s": check the two-letter units first by trying every unit that fits.
            if (text.EndsWith(unit, StringComparison.Ordinal) && !(unit.Length == 1 && text.Length > 1 && char.IsAsciiLetter(text[^2]))
                && decimal.TryParse(text[..^unit.Length], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                && Math.Abs(amount) <= 1_000_000_000_000m)
            {
                nanos = amount * scale;
                return true;
            }
        }

        return false;
    }
}
