using GkeEventNotifier.Model;
using k8s;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// A KubernetesClient for the cluster an event came from. Throws <see cref="PodLookupException"/> when there is no way
/// to reach it (nothing configured, the GKE API refused, no credentials), with the reason for the alert.
/// </summary>
internal interface IClusterClients
{
    Task<IKubernetes> GetAsync(ClusterRef cluster, CancellationToken cancellationToken);
}
