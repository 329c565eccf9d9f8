using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Rendering;
using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>
/// The messages of a group: the first alert (with the mention and the group's metadata), replies in its thread, the
/// first alert rewritten as the group grows (counter, latest time, summary), and the one-line burst summary.
/// Built on <see cref="AlertRenderer"/>, so every piece of event text is escaped there.
/// </summary>
internal static class GroupRenderer
{
    public static SlackMessage First(Alert alert, Receiver receiver, GroupState state) =>
        WithMention(AlertRenderer.Render(alert), receiver.Mention) with
        {
            Channel = receiver.Channel,
            Metadata = receiver.CanThread ? state.ToMetadata() : null,
        };

    public static SlackMessage Reply(Alert alert, Receiver receiver, GroupState state) =>
        AlertRenderer.Render(alert) with { Channel = receiver.Channel, ThreadTs = state.Ts };

    /// <summary>The first message, rewritten: the latest alert with a counter, the time span and the names seen.</summary>
    public static SlackMessage Parent(Alert latest, GroupKey key, GroupState state)
    {
        var message = Counted(latest, key, state);
        return message with { Metadata = state.ToMetadata() };
    }

    /// <summary>
    /// A webhook or console alert standing for its whole group: the group's counts in a line above the latest alert,
    /// whose header counts only its own repeats (another pod's events are not "seen N times" of this one).
    /// </summary>
    public static SlackMessage Counted(Alert latest, GroupKey key, GroupState state)
    {
        var rendered = AlertRenderer.Render(latest);
        var objectKind = latest.Entry.Event.InvolvedObject.Kind;
        var summary = SlackText.Limit(SummaryMarkdown(key, state, objectKind), SlackText.MaxTextLength);
        return WithLine(rendered, SlackText.Escape(Summary(key, state, objectKind)), summary);
    }

    /// <summary>A line in front of the fallback text and a section under the header: what a group adds to an alert.</summary>
    public static SlackMessage WithLine(SlackMessage rendered, string escapedText, string markdown)
    {
        var attachments = rendered.Attachments?.Select(a => a with { Blocks = [a.Blocks[0], new SectionBlock { Text = TextObject.Markdown(markdown) }, .. a.Blocks.Skip(1)] }).ToList();
        var text = SlackText.Limit($"{escapedText} · {rendered.Text}", SlackText.MaxFallbackLength);
        return rendered with { Text = text, Attachments = attachments };
    }

    public static SlackMessage BurstNotice(Alert latest, Receiver receiver, GroupKey key, GroupState state, int threshold) => new()
    {
        Channel = receiver.Channel,
        ThreadTs = state.Ts,
        Text = SlackText.Escape($"{Summary(key, state, latest.Entry.Event.InvolvedObject.Kind)}. More than {threshold} alerts: further ones are counted in the first message instead of posted here."),
    };

    /// <summary>"37 pods Evicted on node-x: 40 events in 2 min": distinct objects first, then how often it happened.</summary>
    public static string Summary(GroupKey key, GroupState state, string objectKind)
    {
        var objects = $"{state.Objects}{(state.ObjectsCapped ? "+" : "")} {KindOf(objectKind, state.Objects)}";
        var where = state.Node is { Length: > 0 } node ? $"on {node}" : $"in {NamespaceOf(key)}{key.Workload}";
        var events = state.Count == 1 ? "1 event" : $"{state.Count} events";
        return $"{objects} {key.Reason} {where}: {events} in {Durations.Say(state.Last - state.First)}";
    }

    private static string SummaryMarkdown(GroupKey key, GroupState state, string objectKind)
    {
        var names = string.Join(", ", state.Names.Select(SlackText.Code)) + (state.Count > state.Names.Count ? ", …" : "");
        var latest = state.Last.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        return $"*{SlackText.Escape(Summary(key, state, objectKind))}* · latest {latest}\n{names}";
    }

    private static string KindOf(string objectKind, int count)
    {
        var kind = objectKind.Length == 0 ? "object" : char.ToLowerInvariant(objectKind[0]) + objectKind[1..];
        return count == 1 ? kind : kind + "s";
    }

    private static string NamespaceOf(GroupKey key) => key.Namespace.Length > 0 ? key.Namespace + "/" : "";

    private static SlackMessage WithMention(SlackMessage message, string? mention) =>
        mention is null ? message : message with { Text = $"{mention} {message.Text}" };
}
