using System.Text;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Adapters.Slack;

/// <summary>
/// A Slack message as a person reads it in a terminal: header, fields as "Label: value", sections, context, links.
/// Used when no Slack is configured and by <c>gke-events replay</c>, so what is printed is exactly what would be posted.
/// </summary>
public static class ReadableText
{
    public static string Of(SlackMessage message)
    {
        var builder = new StringBuilder();
        var blocks = message.Attachments?.SelectMany(a => a.Blocks).ToList() ?? [];
        if (blocks.Count == 0)
        {
            builder.AppendLine(Unescape(message.Text));
        }

        foreach (var block in blocks)
        {
            AppendBlock(builder, block);
        }

        return builder.ToString().TrimEnd() + Environment.NewLine;
    }

    private static void AppendBlock(StringBuilder builder, SlackBlock block)
    {
        switch (block)
        {
            case HeaderBlock header:
                var title = Unescape(header.Text.Text);
                builder.AppendLine(title).AppendLine(new string('=', Math.Min(title.Length, 80)));
                break;
            case SectionBlock section:
                if (section.Text is { } text)
                {
                    builder.AppendLine(Unescape(text.Text.Replace("```", "", StringComparison.Ordinal)));
                }

                foreach (var field in section.Fields ?? [])
                {
                    builder.AppendLine("  " + Unescape(field.Text).Replace("*", "", StringComparison.Ordinal).Replace("\n", ": ", StringComparison.Ordinal));
                }

                break;
            case ContextBlock context:
                builder.AppendLine(string.Join(" ", context.Elements.Select(e => Unescape(e.Text).Replace("`", "", StringComparison.Ordinal))));
                break;
            case ActionsBlock actions:
                foreach (var button in actions.Elements)
                {
                    builder.AppendLine($"{Unescape(button.Text.Text)}: {button.Url}");
                }

                break;
            default:
                builder.AppendLine();
                break;
        }
    }

    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
}
