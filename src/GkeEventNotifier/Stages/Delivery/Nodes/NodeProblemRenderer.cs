using System.Globalization;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Rendering;
using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Stages.Delivery.Nodes;

/// <summary>The messages of a node problem's thread: the open alert, a repeat, the resolution and the first alert marked resolved.</summary>
internal static class NodeProblemRenderer
{
    private const string ResolvedColor = "#2EB67D";

    /// <summary>
    /// The open alert: the event as rendered, with a line saying what the problem is and what ends it. The first message
    /// carries the route's mention in front (so the notification shows it) and the thread's state in its metadata.
    /// </summary>
    public static SlackMessage Opened(Alert alert, Receiver receiver, NodeSignal signal, GroupState state, bool first)
    {
        var line = OpenLine(signal, state);
        var rendered = GroupRenderer.WithLine(AlertRenderer.Render(alert), SlackText.Escape(line), $"*{SlackText.Escape(line)}*");
        if (!first)
        {
            return rendered with { Channel = receiver.Channel, ThreadTs = state.Ts };
        }

        return rendered with
        {
            Text = receiver.Mention is { } mention ? $"{mention} {rendered.Text}" : rendered.Text,
            Channel = receiver.Channel,
            Metadata = receiver.CanThread ? state.ToMetadata() : null,
        };
    }

    /// <summary>The first alert rewritten after a repeat: the latest event, the count, still open.</summary>
    public static SlackMessage Parent(Alert alert, NodeSignal signal, GroupState state)
    {
        var line = OpenLine(signal, state);
        return GroupRenderer.WithLine(AlertRenderer.Render(alert), SlackText.Escape(line), $"*{SlackText.Escape(line)}*") with { Metadata = state.ToMetadata() };
    }

    /// <summary>"Node condition KernelDeadlock is True on gke-… since 09:14 UTC (reported 2 times) · open until …".</summary>
    public static string OpenLine(NodeSignal signal, GroupState state)
    {
        var what = signal.Kind == NodeSignalKind.NotReady
            ? $"Node {signal.Node} is not Ready"
            : $"Node condition {signal.Problem} is True on {signal.Node}";
        var until = signal.Kind == NodeSignalKind.NotReady
            ? "open until the node is Ready again or gone"
            : $"open until {signal.Problem} is False again or the node is gone";
        var count = state.Count > 1 ? $" (reported {state.Count} times)" : "";
        return $"{what} since {Utc(state.First)}{count} · {until}";
    }

    /// <summary>"Node gke-…: KernelDeadlock is False again after 2 h 5 min (KernelHasNoDeadlock)".</summary>
    public static string Resolution(NodeSignal resolving, string node, string problem, TimeSpan after) => resolving.Kind switch
    {
        NodeSignalKind.Gone => $"Node {node} is gone ({resolving.ConditionReason ?? "removed"}): {Problem(problem)} closed after {Durations.Say(after)}",
        NodeSignalKind.Ready => $"Node {node} is Ready again after {Durations.Say(after)}",
        _ => $"Node {node}: {problem} is False again after {Durations.Say(after)}{(resolving.ConditionReason is { Length: > 0 } reason ? $" ({reason})" : "")}",
    };

    public static SlackMessage ResolutionReply(Receiver receiver, GroupState state, string resolution) => new()
    {
        Channel = receiver.Channel,
        ThreadTs = state.Ts,
        Text = $":white_check_mark: {SlackText.Escape(resolution)}",
    };

    /// <summary>The first alert, marked resolved in place: green, the outcome in the header, the state closed in its metadata.</summary>
    public static SlackMessage Resolved(GroupState state, string resolution)
    {
        var text = $":white_check_mark: Resolved: {SlackText.Escape(resolution)}";
        var blocks = new List<SlackBlock>
        {
            new HeaderBlock(TextObject.Plain(SlackText.EscapeAndLimit($"Resolved: {resolution}", SlackText.MaxHeaderLength))),
            new ContextBlock([TextObject.Markdown($"Opened {Utc(state.First)} · last reported {Utc(state.Last)} · {state.Count.ToString(CultureInfo.InvariantCulture)} report(s)")]),
        };
        return new SlackMessage
        {
            Text = text,
            Attachments = [new SlackAttachment(ResolvedColor, text, blocks)],
            Metadata = state.ToMetadata(),
        };
    }

    private static string Problem(string problem) => problem == NodeSignal.NotReadyProblem ? "not Ready" : problem;

    private static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
