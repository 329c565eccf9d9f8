using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// One kind of problem that opens an incident and how it ends: which events are its failures, which event (if
/// Kubernetes writes one) says it recovered, and how a sweep checks the cluster when no such event comes. Rules are
/// registered as <see cref="IIncidentRule"/> services; the lifecycle (open, join, resolve, reopen, close) is the same
/// for all of them (<see cref="IncidentLifecycle"/>).
/// </summary>
internal interface IIncidentRule
{
    const int MaxRecoverySignalLength = 200;

    /// <summary>A short stable name, part of the incident's key and shown in Slack: "crash loop", "image pull".</summary>
    string Problem { get; }

    /// <summary>The subject this failure opens or joins an incident for; null when the event is not one of this rule's failures.</summary>
    IncidentSubject? Failure(EventLogEntry entry);

    /// <summary>The subject this event says has recovered (event-driven recovery); null when it is not this rule's recovery signal.</summary>
    IncidentSubject? Recovery(EventLogEntry entry);

    /// <summary>
    /// How the recovery shows in Slack when <see cref="Recovery"/> closed the incident: by default the event's message
    /// ("Successfully pulled image …"), cut to <see cref="MaxRecoverySignalLength"/> characters.
    /// </summary>
    string RecoverySignal(EventLogEntry entry) => SlackText.Limit(entry.Event.Message, MaxRecoverySignalLength);

    /// <summary>
    /// Whether a recovery event speaks for its own pod only (one pod placed, one pod's volume attached): the incident then
    /// closes on such an event only once every pod that failed has recovered (<see cref="Incident.Pending"/>); otherwise,
    /// and when more pods failed than the incident can name, the sweep's re-check of the whole workload closes it.
    /// False: a recovery event ends the problem for the whole subject (an image that pulls, a node back to Ready).
    /// </summary>
    bool RecoversPerPod => false;

    /// <summary>
    /// How long this failure waits before it is alerted, because it often clears on its own (a scale-up that schedules
    /// the pod, a volume still attaching); null alerts at once. Within that time its recovery event closes it without a
    /// message; after it, the sweep's re-check decides: still failing posts the alert, healthy closes it unseen.
    /// </summary>
    TimeSpan? Hold(EventLogEntry entry) => null;

    /// <summary>What this failure says about its cause, shown next to the problem ("insufficient cpu"); null when nothing.</summary>
    string? Detail(EventLogEntry entry) => null;

    /// <summary>Reads the cluster for the sweep. Throws only what stops the whole sweep (cancellation); a cluster it cannot read is <see cref="Recheck.Unknown"/>.</summary>
    Task<Recheck> RecheckAsync(IncidentSubject subject, CancellationToken cancellationToken);

    /// <summary>The sweep's re-check of one incident: its subject's, unless the rule compares with the incident (a node re-created since it opened).</summary>
    Task<Recheck> RecheckAsync(Incident incident, CancellationToken cancellationToken) => RecheckAsync(incident.Subject, cancellationToken);

    /// <summary>
    /// The problem this failure or recovery event is about: <see cref="Problem"/>, unless the rule stands for a family of
    /// problems that are incidents of their own (a node's conditions). Null for a recovery that ends every problem of
    /// its subject this rule owns (a node that left the cluster).
    /// </summary>
    string? ProblemOf(EventLogEntry entry) => Problem;

    /// <summary>Whether the incident is this rule's, so that the sweep re-checks it with this rule.</summary>
    bool Owns(Incident incident) => incident.Problem == Problem;

    /// <summary>How this rule's incidents read in Slack.</summary>
    IncidentWording Wording => IncidentWording.Default;
}
