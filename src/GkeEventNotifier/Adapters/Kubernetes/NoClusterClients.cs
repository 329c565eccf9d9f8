using GkeEventNotifier.Model;
using k8s;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>Neither <c>KUBECONFIG</c> nor GCP: no look-ups; every OOM alert says so and how to change it.</summary>
internal sealed class NoClusterClients : IClusterClients
{
    public const string Reason =
        "No cluster access configured, so the cluster was not read: set KUBECONFIG, or run on GCP (Cloud Run functions) "
        + "where each cluster is found through the GKE API.";

    public Task<IKubernetes> GetAsync(ClusterRef cluster, CancellationToken cancellationToken) =>
        throw new PodLookupException(Reason);
}
