using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// An image that will not pull: the kubelet's <c>Failed</c> "Failed to pull image …", "Error: ErrImagePull",
/// "Error: ImagePullBackOff", and <c>BackOff</c> "Back-off pulling image …". It recovers on the kubelet's <c>Pulled</c>
/// "Successfully pulled image …" for a pod of the same workload, or by the re-check.
/// </summary>
internal sealed class ImagePullRule(IWorkloadResolver workloads, WorkloadHealth health) : IIncidentRule
{
    public string Problem => "image pull";

    public IncidentSubject? Failure(EventLogEntry entry) => IsFailure(entry.Event) ? PodSubjects.Of(entry, workloads) : null;

    public IncidentSubject? Recovery(EventLogEntry entry) =>
        entry.Event.Reason == "Pulled" && entry.Event.Message.StartsWith("Successfully pulled image", StringComparison.Ordinal)
            ? PodSubjects.Of(entry, workloads)
            : null;

    public Task<Recheck> RecheckAsync(IncidentSubject subject, CancellationToken cancellationToken) => health.CheckAsync(subject, cancellationToken);

    private static bool IsFailure(KubernetesEvent e) => e.Reason switch
    {
        "Failed" => e.Message.StartsWith("Failed to pull image", StringComparison.Ordinal)
            || e.Message is "Error: ErrImagePull" or "Error: ImagePullBackOff",
        "BackOff" => e.Message.StartsWith("Back-off pulling image", StringComparison.Ordinal),
        _ => false,
    };
}
