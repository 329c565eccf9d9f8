using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// The pods a workload controls now, from one namespace-scoped list (never the whole cluster). Throws
/// <see cref="PodLookupException"/> when the cluster cannot be read or a name from event text is not a valid name.
/// </summary>
internal interface IWorkloadPods
{
    Task<IReadOnlyList<WorkloadPod>> ListAsync(ClusterRef cluster, string workloadNamespace, WorkloadRef workload, CancellationToken cancellationToken);
}
