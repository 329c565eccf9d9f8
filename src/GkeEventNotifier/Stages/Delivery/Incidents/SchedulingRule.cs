using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Threads;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// A pod the scheduler cannot place: <c>FailedScheduling</c> ("0/6 nodes are available: …"), classified by cause
/// (<see cref="SchedulingCauses"/>). The cluster autoscaler often fixes it with a scale-up, so it is held for
/// SCHEDULING_GRACE_MINUTES: the scheduler's <c>Scheduled</c> ("Successfully assigned shop/cart-… to gke-…") for every
/// pod that failed, within that time, closes it unseen, and after it the sweep alerts it if a pod of the workload is still not placed. A cause
/// no new node fixes (an unbound claim, IP space or quota), or the autoscaler's <c>NotTriggerScaleUp</c> ("pod didn't
/// trigger scale-up: …"), alerts at once. Once alerted it resolves when every pod that failed has its <c>Scheduled</c>, or by the re-check: every pod
/// of the workload placed on a node, unchanged for RECOVERY_STABLE_MINUTES.
/// </summary>
internal sealed class SchedulingRule(IWorkloadResolver workloads, WorkloadHealth health, IOptions<IncidentOptions> options) : IIncidentRule
{
    public string Problem => "scheduling";

    public IncidentSubject? Failure(EventLogEntry entry) => IsFailure(entry.Event) ? PodSubjects.Of(entry, workloads) : null;

    public IncidentSubject? Recovery(EventLogEntry entry) =>
        entry.Event.Reason == "Scheduled" && entry.Event.Message.StartsWith("Successfully assigned ", StringComparison.Ordinal)
            ? PodSubjects.Of(entry, workloads)
            : null;

    public bool RecoversPerPod => true;

    public TimeSpan? Hold(EventLogEntry entry) =>
        entry.Event.Reason == "FailedScheduling" && !SchedulingCauses.ScaleUpCannotHelp(entry.Event.Message) ? options.Value.SchedulingGrace : null;

    public string? Detail(EventLogEntry entry) => SchedulingCauses.Describe(entry.Event.Message);

    public Task<Recheck> RecheckAsync(IncidentSubject subject, CancellationToken cancellationToken) => health.CheckAsync(subject, PodNeed.Scheduled, cancellationToken);

    private static bool IsFailure(KubernetesEvent e) => e.Reason switch
    {
        // "skip schedule deleting pod: …" is the scheduler passing over a pod being deleted, not a failure to place it
        "FailedScheduling" => !e.Message.StartsWith("skip schedule deleting pod", StringComparison.Ordinal),
        "NotTriggerScaleUp" => e.Message.StartsWith("pod didn't trigger scale-up", StringComparison.Ordinal),
        _ => false,
    };
}
