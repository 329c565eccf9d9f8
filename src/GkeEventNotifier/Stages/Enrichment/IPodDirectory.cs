using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>
/// The narrow view of a cluster's API the look-ups need: the pods of one node, one pod, the pods of a Job, and the
/// workload that owns a pod.
/// Failures surface as <see cref="PodLookupException"/> (permission, server error, timeout, no access configured),
/// cancellation of the caller's token as <see cref="OperationCanceledException"/>.
/// </summary>
public interface IPodDirectory
{
    /// <summary>
    /// Whether any cluster can be read at all (false without KUBECONFIG and off Google Cloud): a look-up that is only a
    /// nicety is skipped then, instead of every alert saying it could not be made.
    /// </summary>
    bool IsAvailable { get; }

    /// <summary>One <c>fieldSelector=spec.nodeName=</c> list; concurrent and back-to-back calls for one node share it.</summary>
    Task<NodePods> ListPodsOnNodeAsync(ClusterRef cluster, string nodeName, CancellationToken cancellationToken);

    /// <summary>
    /// The workload behind a pod's controller: a ReplicaSet's Deployment, a Job's CronJob, else the controller itself.
    /// Null when the pod has no controller.
    /// </summary>
    Task<OwnerRef?> GetWorkloadAsync(ClusterRef cluster, string podNamespace, OwnerRef? controller, CancellationToken cancellationToken);

    /// <summary>One pod, by a list narrowed to its name (<c>fieldSelector=metadata.name=</c>: the list permission, no more). Null when it is gone.</summary>
    Task<PodSnapshot?> FindPodAsync(ClusterRef cluster, string podNamespace, string podName, CancellationToken cancellationToken);

    /// <summary>The pods a Job controls (<c>labelSelector=job-name=</c>, kept to those whose controller is that Job).</summary>
    Task<IReadOnlyList<PodSnapshot>> ListJobPodsAsync(ClusterRef cluster, string jobNamespace, string jobName, CancellationToken cancellationToken);
}
