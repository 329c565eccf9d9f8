namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// An instant to the nanosecond, as Cloud Logging keeps it (DateTimeOffset stops at 100 ns, which would make
/// <c>timestamp &gt; "…T10:00:00.000000001Z"</c> wrong). Parses RFC 3339 with 0 to 9 fractional digits and Z or ±hh:mm,
/// and the ISO 8601 date <c>YYYY-MM-DD</c>, which Google reads as midnight UTC.
/// </summary>
internal readonly record struct NanoTimestamp(long Seconds, int Nanos) : IComparable<NanoTimestamp>
{
    public static readonly NanoTimestamp Epoch = new(0, 0);

    public int CompareTo(NanoTimestamp other) => Seconds != other.Seconds ? Seconds.CompareTo(other.Seconds) : Nanos.CompareTo(other.Nanos);

    public static bool TryParse(ReadOnlySpan<char> text, out NanoTimestamp value)
    {
        value = Epoch;
        if (text.Length < 10 || !TryDate(text, out var days))
        {
            return false;
        }

        if (text.Length == 10)
        {
            value = new NanoTimestamp(days * 86_400, 0);
            return true;
        }

        if (text.Length < 20 || text[10] is not ('T' or 't' or ' ') || text[13] != ':' || text[16] != ':'
            || !TryNumber(text[11..13], 23, out var hour) || !TryNumber(text[14..16], 59, out var minute) || !TryNumber(text[17..19], 60, out var second))
        {
            return false;
        }

        var rest = text[19..];
        var nanos = 0;
        if (rest[0] == '.' && !TryFraction(ref rest, out nanos))
        {
            return false;
        }

        if (!TryOffset(rest, out var offsetSeconds))
        {
            return false;
        }

        value = new NanoTimestamp((days * 86_400) + (hour * 3600) + (minute * 60) + second - offsetSeconds, nanos);
        return true;
    }

    private static bool TryDate(ReadOnlySpan<char> text, out long days)
    {
        days = 0;
        if (text[4] != '-' || text[7] != '-' || !TryNumber(text[..4], 9999, out var year) || !TryNumber(text[5..7], 12, out var month)
            || !TryNumber(text[8..10], 31, out var day) || year < 1 || month < 1 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        days = new DateOnly(year, month, day).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        return true;
    }

    private static bool TryFraction(ref ReadOnlySpan<char> rest, out int nanos)
    {
        nanos = 0;
        var digits = 0;
        var i = 1;
        for (; i < rest.Length && char.IsAsciiDigit(rest[i]); i++, digits++)
        {
            if (digits < 9)
            {
                nanos = (nanos * 10) + (rest[i] - '0');
            }
        }

        for (var pad = digits; pad < 9; pad++)
        {
            nanos *= 10;
        }

        rest = rest[i..];
        return digits > 0;
    }

    private static bool TryOffset(ReadOnlySpan<char> rest, out int offsetSeconds)
    {
        offsetSeconds = 0;
        if (rest is ['Z' or 'z'])
        {
            return true;
        }

        if (rest.Length != 6 || rest[0] is not ('+' or '-') || rest[3] != ':' || !TryNumber(rest[1..3], 23, out var hours) || !TryNumber(rest[4..6], 59, out var minutes))
        {
            return false;
        }

        offsetSeconds = ((hours * 60) + minutes) * 60 * (rest[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> digits, int max, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }
}
