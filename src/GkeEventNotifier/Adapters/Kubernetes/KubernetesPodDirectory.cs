using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Enrichment;
using k8s;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// <see cref="IPodDirectory"/> over KubernetesClient. Pods come from one list scoped to the node
/// (<c>fieldSelector=spec.nodeName=</c>, never the whole cluster), shared by every event about that node for a few
/// seconds; owners are cached longer, since they do not change. Every request is bounded by
/// <c>KUBERNETES_TIMEOUT_SECONDS</c> on its own clock: a shared call must not die with one caller's token.
/// Every name is checked against Kubernetes' rules (<see cref="KubernetesNames"/>) before a request is built: a node
/// name comes from event text, and a name that is not valid makes no request at all.
/// </summary>
internal sealed class KubernetesPodDirectory : IPodDirectory
{
    private static readonly TimeSpan OwnerLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Nodes whose pod lists are kept: a burst touches a few; a list lives seconds, so this only caps a flood.</summary>
    private const int MaxNodes = 256;

    /// <summary>ReplicaSets and Jobs whose owners are kept: far more than one cluster's recent failures.</summary>
    private const int MaxOwners = 4096;

    private readonly IClusterClients clusters;
    private readonly KubernetesOptions options;
    private readonly TimeProvider time;
    private readonly SingleFlightCache<(ClusterRef Cluster, string Node), NodePods> nodePods;
    private readonly SingleFlightCache<(ClusterRef Cluster, string Namespace, OwnerRef Controller), OwnerRef> owners;

    public KubernetesPodDirectory(IClusterClients clusters, IOptions<KubernetesOptions> options, TimeProvider time)
    {
        this.clusters = clusters;
        this.options = options.Value;
        this.time = time;
        nodePods = new(time, this.options.NodePodsLifetime, MaxNodes);
        owners = new(time, OwnerLifetime, MaxOwners);
    }

    public bool IsAvailable => options.Mode != ClusterAccessMode.None;

    public Task<NodePods> ListPodsOnNodeAsync(ClusterRef cluster, string nodeName, CancellationToken cancellationToken) =>
        KubernetesNames.ProblemWithName("node", nodeName) is { } problem
            ? Task.FromException<NodePods>(new PodLookupException(problem))
            : nodePods.GetAsync((cluster, nodeName), key => ListAsync(key.Cluster, key.Node), cancellationToken);

    public async Task<OwnerRef?> GetWorkloadAsync(ClusterRef cluster, string podNamespace, OwnerRef? controller, CancellationToken cancellationToken) =>
        controller?.Kind switch
        {
            null => null,
            "ReplicaSet" or "Job" when (KubernetesNames.ProblemWithNamespace(podNamespace) ?? KubernetesNames.ProblemWithName(controller.Kind, controller.Name)) is { } problem =>
                throw new PodLookupException(problem),
            "ReplicaSet" or "Job" => await owners.GetAsync((cluster, podNamespace, controller), key => WorkloadAsync(key.Cluster, key.Namespace, key.Controller), cancellationToken),
            _ => controller,
        };

    public async Task<PodSnapshot?> FindPodAsync(ClusterRef cluster, string podNamespace, string podName, CancellationToken cancellationToken)
    {
        ThrowOnNameProblem(KubernetesNames.ProblemWithNamespace(podNamespace) ?? KubernetesNames.ProblemWithName("pod", podName));
        var found = await CallAsync(cluster, KubernetesOperation.ListPods, async (client, token) =>
            (await client.CoreV1.ListNamespacedPodAsync(podNamespace, fieldSelector: $"metadata.name={podName}", cancellationToken: token)).Items, cancellationToken);
        return found.Select(PodMapper.ToSnapshot).FirstOrDefault(pod => pod.Name == podName);
    }

    public async Task<IReadOnlyList<PodSnapshot>> ListJobPodsAsync(ClusterRef cluster, string jobNamespace, string jobName, CancellationToken cancellationToken)
    {
        ThrowOnNameProblem(KubernetesNames.ProblemWithNamespace(jobNamespace) ?? (KubernetesNames.IsLabel(jobName) ? null
            : $"The Job name {KubernetesNames.Quote(jobName)} is not a DNS-1123 label, so it cannot select the Job's pods and they were not looked up."));
        var found = await CallAsync(cluster, KubernetesOperation.ListPods, async (client, token) =>
            (await client.CoreV1.ListNamespacedPodAsync(jobNamespace, labelSelector: $"job-name={jobName}", cancellationToken: token)).Items, cancellationToken);
        return [.. found.Select(PodMapper.ToSnapshot).Where(pod => pod.Controller == new OwnerRef("Job", jobName)).OrderBy(pod => pod.Name, StringComparer.Ordinal)];
    }

    private static void ThrowOnNameProblem(string? problem)
    {
        if (problem is not null)
        {
            throw new PodLookupException(problem);
        }
    }

    private Task<NodePods> ListAsync(ClusterRef cluster, string node) =>
        CallAsync(cluster, KubernetesOperation.ListPods, async (client, token) =>
        {
            var list = await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"spec.nodeName={node}", cancellationToken: token);
            return new NodePods(node, time.GetUtcNow(), list.Items.Select(PodMapper.ToSnapshot).ToList());
        });

    /// <summary>ReplicaSet → its Deployment, Job → its CronJob; the controller itself when it has no owner or is gone.</summary>
    private Task<OwnerRef> WorkloadAsync(ClusterRef cluster, string @namespace, OwnerRef controller) =>
        controller.Kind == "ReplicaSet"
            ? CallAsync(cluster, KubernetesOperation.GetReplicaSet, async (client, token) =>
                PodMapper.Controller((await client.AppsV1.ReadNamespacedReplicaSetAsync(controller.Name, @namespace, cancellationToken: token)).Metadata) ?? controller,
                whenGone: controller)
            : CallAsync(cluster, KubernetesOperation.GetJob, async (client, token) =>
                PodMapper.Controller((await client.BatchV1.ReadNamespacedJobAsync(controller.Name, @namespace, cancellationToken: token)).Metadata) ?? controller,
                whenGone: controller);

    /// <summary>A call one caller owns: its token cancels it too, and that cancellation propagates as such.</summary>
    private Task<T> CallAsync<T>(ClusterRef cluster, KubernetesOperation operation, Func<IKubernetes, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        KubernetesCall.RunAsync(clusters, cluster, operation, options.Timeout, time, call, cancellationToken);

    /// <summary>A call shared through a cache: no one caller's token cancels it.</summary>
    private Task<T> CallAsync<T>(ClusterRef cluster, KubernetesOperation operation, Func<IKubernetes, CancellationToken, Task<T>> call, T? whenGone = default) =>
        KubernetesCall.RunAsync(clusters, cluster, operation, options.Timeout, time, call, CancellationToken.None, whenGone);
}
