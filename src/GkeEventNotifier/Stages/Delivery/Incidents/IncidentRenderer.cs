using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.CronJobs;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// The messages of an incident's thread, built on the thread messages (<see cref="GroupRenderer"/>): the failure that
/// opens it, further failures, "failing again" when it reopens, and the recovery, which also marks the first message
/// resolved (as a CronJob's recovery does, <see cref="RecoveryRenderer.Resolved"/>).
/// </summary>
internal static class IncidentRenderer
{
    /// <summary>"scheduling (insufficient cpu): Deployment shop/cart, failing for 15 min" (the duration only for a failure that was held).</summary>
    public static SlackMessage Opened(Alert alert, Receiver receiver, Incident incident, string? detail = null, TimeSpan? failingFor = null) =>
        WithProblem(
            GroupRenderer.First(alert, receiver, incident.Thread),
            incident,
            $"{incident.Problem}{(detail is null ? "" : $" ({detail})")}: {incident.Subject.Describe()}{(failingFor is { } held ? $", failing for {Durations.Say(held)}" : "")}");

    public static SlackMessage Joined(Alert alert, Receiver receiver, Incident incident) =>
        WithProblem(GroupRenderer.Reply(alert, receiver, incident.Thread), incident, $"{incident.Problem}: failure {incident.Thread.Count}");

    public static SlackMessage Reopened(Alert alert, Receiver receiver, Incident incident, TimeSpan afterRecovery) =>
        WithProblem(GroupRenderer.Reply(alert, receiver, incident.Thread), incident, $"{incident.Problem}: failing again {Durations.Say(afterRecovery)} after it recovered");

    /// <summary>A webhook or console receiver has no thread: every failure says where it stands.</summary>
    public static SlackMessage Counted(Alert alert, Receiver receiver, Incident incident) =>
        WithProblem(AlertRendering(alert) with { Channel = receiver.Channel }, incident, $"{incident.Problem}: {incident.Subject.Describe()}, failure {incident.Thread.Count}");

    public static SlackMessage Parent(Alert latest, Incident incident) =>
        GroupRenderer.Parent(latest, Incident.ThreadKey(incident.Problem, incident.Subject), incident.Thread);

    /// <summary>"Deployment shop/cart recovered after 12 min (image pull: Successfully pulled image …)".</summary>
    public static string Recovered(Incident incident, DateTimeOffset at, string how) =>
        $"{incident.Subject.Describe()} recovered after {Durations.Say(at - incident.Thread.First)} ({incident.Problem}: {how})";

    /// <summary>"Deployment shop/cart closed after 40 min (crash loop): replaced by revision 7d9f6c5b8".</summary>
    public static string Closed(Incident incident, DateTimeOffset at, string why) =>
        $"{incident.Subject.Describe()} closed after {Durations.Say(at - incident.Thread.First)} ({incident.Problem}): {why}";

    public static SlackMessage Reply(Receiver receiver, Incident incident, string outcome) => new()
    {
        Channel = receiver.Channel,
        ThreadTs = incident.Thread.Ts,
        Text = $":white_check_mark: {SlackText.Escape(outcome)}",
    };

    public static SlackMessage Resolved(Incident incident, string outcome) => RecoveryRenderer.Resolved(incident.Thread, outcome);

    private static SlackMessage AlertRendering(Alert alert) => Rendering.AlertRenderer.Render(alert);

    private static SlackMessage WithProblem(SlackMessage message, Incident incident, string line) =>
        GroupRenderer.WithLine(message, SlackText.Escape(line), $"*{SlackText.Escape(line)}*") with { Metadata = message.Metadata is null ? null : incident.Thread.ToMetadata() };
}
