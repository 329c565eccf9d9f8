using System.Text;

namespace GkeEventNotifier.Slack;

/// <summary>
/// Escaping and length limits for text that comes from events. Slack treats <c>&amp;</c>, <c>&lt;</c> and
/// <c>&gt;</c> as control characters: escaped, an event message can neither ping (<c>&lt;!channel&gt;</c>) nor forge a
/// link (<c>&lt;https://x|y&gt;</c>). Plain <c>@here</c> is harmless because every mrkdwn object is verbatim and
/// <c>link_names</c> is never sent.
/// </summary>
public static class SlackText
{
    /// <summary>Block Kit: a text object holds at most 3,000 characters.</summary>
    public const int MaxTextLength = 3000;

    /// <summary>Block Kit: a header holds at most 150 characters.</summary>
    public const int MaxHeaderLength = 150;

    /// <summary>Block Kit: a section field holds at most 2,000 characters.</summary>
    public const int MaxFieldLength = 2000;

    /// <summary>Block Kit: a message holds at most 50 blocks.</summary>
    public const int MaxBlocks = 50;

    /// <summary>What Slack recommends as the most for the top-level <c>text</c>.</summary>
    public const int MaxFallbackLength = 4000;

    private const string TruncationMark = "… (truncated)";

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Escapes, then cuts to <paramref name="limit"/> characters with a visible mark, never inside an entity.</summary>
    public static string EscapeAndLimit(string text, int limit) => Limit(Escape(text), limit);

    public static string Limit(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        var cut = limit - TruncationMark.Length;
        var amp = text.LastIndexOf('&', cut - 1, Math.Min(cut, 6));
        if (amp >= 0 && text.IndexOf(';', amp) >= cut)
        {
            cut = amp;
        }

        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), TruncationMark);
    }

    /// <summary>Inline code span; backticks inside are replaced so the span cannot be closed early.</summary>
    public static string Code(string text) => text.Length == 0 ? "" : $"`{Escape(text).Replace('`', '\'')}`";
}
