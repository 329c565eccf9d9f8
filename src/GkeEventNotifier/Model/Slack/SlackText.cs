using System.Buffers;
using System.Globalization;
using System.Text;

namespace GkeEventNotifier.Model.Slack;

/// <summary>
/// Escaping and length limits for text that comes from events. Slack treats <c>&amp;</c>, <c>&lt;</c> and
/// <c>&gt;</c> as control characters: escaped, an event message can neither ping (<c>&lt;!channel&gt;</c>) nor forge a
/// link (<c>&lt;https://x|y&gt;</c>). Plain <c>@here</c> is harmless because every mrkdwn object is verbatim and
/// <c>link_names</c> is never sent. Characters that change how text looks without being seen — bidi overrides and
/// isolates, zero-width characters, NUL and the other control characters but line break and tab — are shown as their
/// code point (<c>[U+202E]</c>), so an object name cannot pose as another one.
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

    /// <summary>Slack's control characters, and every character that is invisible or reorders text around it.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "&<>" + Range('\0', '\u0008') + "\u000B\u000C" + Range('\u000E', '\u001F') + Range('\u007F', '\u009F') + "\u00AD\u061C\u180E"
        + Range('\u200B', '\u200F') + Range('\u202A', '\u202E') + Range('\u2060', '\u2064') + Range('\u2066', '\u206F') + "\uFEFF");

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(Special) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ when Special.Contains(c) => builder.Append("[U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append(']'),
                _ => builder.Append(c),
            };
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

    private static string Range(char first, char last) => new(Enumerable.Range(first, last - first + 1).Select(c => (char)c).ToArray());

    /// <summary>Inline code span; backticks inside are replaced so the span cannot be closed early.</summary>
    public static string Code(string text) => text.Length == 0 ? "" : $"`{Escape(text).Replace('`', '\'')}`";
}
