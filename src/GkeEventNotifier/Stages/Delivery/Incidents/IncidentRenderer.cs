using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.CronJobs;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// The messages of an incident's thread, built on the thread messages (<see cref="GroupRenderer"/>): the failure that
/// opens it, further failures, "failing again" when it reopens, the daily restatement, and the recovery, which also
/// marks the first message resolved (as a CronJob's recovery does, <see cref="RecoveryRenderer.Resolved"/>).
/// </summary>
internal static class IncidentRenderer
{
    /// <summary>
    /// The first message: the mention in front (so the notification shows it), then the incident's line (with the
    /// failure's cause and, for a failure that was held, how long it has been failing), then the alert.
    /// </summary>
    public static SlackMessage Opened(Alert alert, Receiver receiver, Incident incident, IncidentWording wording, string? detail = null, TimeSpan? failingFor = null)
    {
        var message = WithProblem(GroupRenderer.First(alert, receiver with { Mention = null }, incident.Thread), incident, wording.Opened(incident, detail, failingFor));
        return receiver.Mention is { } mention ? message with { Text = $"{mention} {message.Text}" } : message;
    }

    public static SlackMessage Joined(Alert alert, Receiver receiver, Incident incident, IncidentWording wording) =>
        WithProblem(GroupRenderer.Reply(alert, receiver, incident.Thread), incident, wording.Joined(incident));

    public static SlackMessage Reopened(Alert alert, Receiver receiver, Incident incident, TimeSpan afterRecovery) =>
        WithProblem(GroupRenderer.Reply(alert, receiver, incident.Thread), incident, $"{incident.Problem}: failing again {Durations.Say(afterRecovery)} after it recovered");

    /// <summary>A webhook or console receiver has no thread: every failure says where it stands.</summary>
    public static SlackMessage Counted(Alert alert, Receiver receiver, Incident incident, IncidentWording wording) =>
        WithProblem(AlertRendering(alert) with { Channel = receiver.Channel }, incident, wording.Counted(incident));

    public static SlackMessage Parent(Alert latest, Incident incident, IncidentWording wording) =>
        wording.Parent(incident) is { } line
            ? GroupRenderer.WithLine(AlertRendering(latest), SlackText.Escape(line), $"*{SlackText.Escape(line)}*") with { Metadata = incident.Thread.ToMetadata() }
            : GroupRenderer.Parent(latest, Incident.ThreadKey(incident.Problem, incident.Subject), incident.Thread);

    public static SlackMessage Reply(Receiver receiver, Incident incident, string outcome) => new()
    {
        Channel = receiver.Channel,
        ThreadTs = incident.Thread.Ts,
        Text = $":white_check_mark: {SlackText.Escape(outcome)}",
    };

    /// <summary>The once-a-day reply of an incident still open: in its thread only, never a message of its own.</summary>
    public static SlackMessage Restatement(Receiver receiver, Incident incident, string line) => new()
    {
        Channel = receiver.Channel,
        ThreadTs = incident.Thread.Ts,
        Text = $":hourglass: {SlackText.Escape(line)}",
    };

    public static SlackMessage Resolved(Incident incident, string outcome) => RecoveryRenderer.Resolved(incident.Thread, outcome);

    private static SlackMessage AlertRendering(Alert alert) => Rendering.AlertRenderer.Render(alert);

    private static SlackMessage WithProblem(SlackMessage message, Incident incident, string line) =>
        GroupRenderer.WithLine(message, SlackText.Escape(line), $"*{SlackText.Escape(line)}*") with { Metadata = message.Metadata is null ? null : incident.Thread.ToMetadata() };
}
