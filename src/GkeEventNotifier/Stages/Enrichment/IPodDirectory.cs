using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>
/// The narrow view of a cluster's API the OOM look-up needs: the pods of one node and the workload that owns a pod.
/// Failures surface as <see cref="PodLookupException"/> (permission, server error, timeout, no access configured),
/// cancellation of the caller's token as <see cref="OperationCanceledException"/>.
/// </summary>
public interface IPodDirectory
{
    /// <summary>One <c>fieldSelector=spec.nodeName=</c> list; concurrent and back-to-back calls for one node share it.</summary>
    Task<NodePods> ListPodsOnNodeAsync(ClusterRef cluster, string nodeName, CancellationToken cancellationToken);

    /// <summary>
    /// The workload behind a pod's controller: a ReplicaSet's Deployment, a Job's CronJob, else the controller itself.
    /// Null when the pod has no controller.
    /// </summary>
    Task<OwnerRef?> GetWorkloadAsync(ClusterRef cluster, string podNamespace, OwnerRef? controller, CancellationToken cancellationToken);
}
