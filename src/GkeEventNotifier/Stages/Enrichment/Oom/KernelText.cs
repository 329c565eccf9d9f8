namespace GkeEventNotifier.Stages.Enrichment.Oom;

/// <summary>
/// The scanning steps <see cref="OomMessageParser"/> is built from. Event text is hostile and can be 256 KB, so there is
/// no regex here: every step looks at each character a bounded number of times, and a search that the next attempt
/// would repeat starts where the last one ended. "Line" means up to the next <c>'\n'</c>, as a regex's <c>.</c> and
/// multiline <c>$</c> see it.
/// </summary>
internal readonly struct KernelText(string text)
{
    public string Text { get; } = text;

    public int Length => Text.Length;

    /// <summary>The position of <paramref name="literal"/> at or after <paramref name="from"/>, or -1.</summary>
    public int Find(string literal, int from) =>
        from > Text.Length ? -1 : Text.IndexOf(literal, from, StringComparison.Ordinal) is var at and >= 0 ? at : -1;

    /// <summary>The end of the line holding <paramref name="position"/>: the next <c>'\n'</c> or the end of the text.</summary>
    public int LineEnd(int position)
    {
        var newline = Text.IndexOf('\n', Math.Min(position, Text.Length));
        return newline < 0 ? Text.Length : newline;
    }

    public bool At(int position, string literal) =>
        position >= 0 && position <= Text.Length && Text.AsSpan(position).StartsWith(literal, StringComparison.Ordinal);

    /// <summary>The end of the run of ASCII digits starting at <paramref name="position"/> (itself when there is none).</summary>
    public int Digits(int position)
    {
        var end = position;
        while (end < Text.Length && char.IsAsciiDigit(Text[end]))
        {
            end++;
        }

        return end;
    }

    /// <summary>The end of the run of characters other than <paramref name="stop"/> starting at <paramref name="position"/> (regex <c>[^,]*</c>).</summary>
    public int Until(int position, char stop)
    {
        var at = Text.IndexOf(stop, Math.Min(position, Text.Length));
        return at < 0 ? Text.Length : at;
    }

    /// <summary>The end of the run of non-white-space characters starting at <paramref name="position"/> (regex <c>\S+</c>).</summary>
    public int NonSpace(int position)
    {
        var end = position;
        while (end < Text.Length && !char.IsWhiteSpace(Text[end]))
        {
            end++;
        }

        return end;
    }

    public string Slice(int start, int end) => Text[start..end];

    /// <summary>A pid as the kernel writes it; null when it does not fit (a forged line), so the process name still shows.</summary>
    public int? Pid(int start, int end) =>
        int.TryParse(Text.AsSpan(start, end - start), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
}
