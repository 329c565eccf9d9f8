using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// A container that keeps crashing: the kubelet's <c>BackOff</c> "Back-off restarting failed container &lt;c&gt; in pod
/// &lt;pod&gt;". Kubernetes writes no event when it stops, so only the re-check resolves it.
/// </summary>
internal sealed class CrashLoopRule(IWorkloadResolver workloads, WorkloadHealth health) : IIncidentRule
{
    public string Problem => "crash loop";

    public IncidentSubject? Failure(EventLogEntry entry) =>
        entry.Event.Reason == "BackOff" && entry.Event.Message.StartsWith("Back-off restarting failed container", StringComparison.Ordinal)
            ? PodSubjects.Of(entry, workloads)
            : null;

    public IncidentSubject? Recovery(EventLogEntry entry) => null;

    public string RecoverySignal(EventLogEntry entry) => entry.Event.Reason;

    public Task<Recheck> RecheckAsync(IncidentSubject subject, CancellationToken cancellationToken) => health.CheckAsync(subject, cancellationToken);
}
