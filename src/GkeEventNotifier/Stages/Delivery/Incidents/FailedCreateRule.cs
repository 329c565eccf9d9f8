using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// A controller that cannot create its pods: <c>FailedCreate</c> on a ReplicaSet, Job, StatefulSet or DaemonSet
/// ("Error creating: pods "…" is forbidden: exceeded quota: …", "Error creating: admission webhook "…" denied the
/// request: …"). It recovers on the same controller's <c>SuccessfulCreate</c> ("Created pod: …", "create Pod … in
/// StatefulSet … successful"). Ready pods say nothing about the ones that could not be created (and a quota may leave
/// none at all), so the re-check reads nothing and leaves it open.
/// </summary>
internal sealed class FailedCreateRule(IWorkloadResolver workloads) : IIncidentRule
{
    private static readonly HashSet<string> Controllers = new(StringComparer.Ordinal) { "ReplicaSet", "Job", "StatefulSet", "DaemonSet" };

    public string Problem => "pod creation";

    public IncidentSubject? Failure(EventLogEntry entry) => entry.Event.Reason == "FailedCreate" ? Subject(entry) : null;

    public IncidentSubject? Recovery(EventLogEntry entry) => entry.Event.Reason == "SuccessfulCreate" ? Subject(entry) : null;

    public Task<Recheck> RecheckAsync(IncidentSubject subject, CancellationToken cancellationToken) =>
        Task.FromResult<Recheck>(new Recheck.Failing("only the controller's SuccessfulCreate closes it"));

    private IncidentSubject? Subject(EventLogEntry entry)
    {
        var involved = entry.Event.InvolvedObject;
        return Controllers.Contains(involved.Kind) && involved.Namespace is { Length: > 0 } ns
            ? new IncidentSubject(entry.Cluster, ns, workloads.Resolve(entry))
            : null;
    }
}
