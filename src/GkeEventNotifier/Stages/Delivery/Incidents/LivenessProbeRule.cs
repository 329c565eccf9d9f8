using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// A container the kubelet kills because its liveness (or startup) probe keeps failing: <c>Killing</c> (a Normal
/// event) "Container &lt;c&gt; failed liveness probe, will be restarted". Nothing says when the probe passes again, so
/// only the re-check resolves it: pods Ready and no further restarts for RECOVERY_STABLE_MINUTES.
/// </summary>
internal sealed class LivenessProbeRule(IWorkloadResolver workloads, WorkloadHealth health) : IIncidentRule
{
    public string Problem => "liveness probe";

    public IncidentSubject? Failure(EventLogEntry entry) =>
        entry.Event.Reason == "Killing" && IsProbeKill(entry.Event.Message) ? PodSubjects.Of(entry, workloads) : null;

    public IncidentSubject? Recovery(EventLogEntry entry) => null;

    public string RecoverySignal(EventLogEntry entry) => entry.Event.Reason;

    public Task<Recheck> RecheckAsync(IncidentSubject subject, CancellationToken cancellationToken) => health.CheckAsync(subject, cancellationToken);

    private static bool IsProbeKill(string message) =>
        message.StartsWith("Container ", StringComparison.Ordinal)
        && (message.EndsWith(" failed liveness probe, will be restarted", StringComparison.Ordinal)
            || message.EndsWith(" failed startup probe, will be restarted", StringComparison.Ordinal));
}
