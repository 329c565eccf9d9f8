using System.Text.Json;
using GkeEventNotifier.Adapters.Kubernetes;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Incidents;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Enrichment;
using k8s;
using k8s.Models;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>
/// Pod look-ups answered from files instead of a cluster: the output of <c>kubectl get pods -A -o json</c> (a List of
/// Pods), one file or several (several clusters, or several moments). ReplicaSets and Jobs in the same files
/// (<c>kubectl get pods,replicasets,jobs -A -o json</c>) let the owner look-up reach the Deployment or CronJob; without
/// them the pod's controller is shown. Files are read once, before the replay; nothing is asked of any cluster.
/// </summary>
internal sealed class PodSnapshotDirectory(IReadOnlyList<PodSnapshotDirectory.SnapshotPod> pods, IReadOnlyDictionary<(string Kind, string Namespace, string Name), OwnerRef> owners, TimeProvider time)
    : IPodDirectory, IWorkloadPods
{
    public int PodCount => pods.Count;

    public bool IsAvailable => true;

    public Task<NodePods> ListPodsOnNodeAsync(ClusterRef cluster, string nodeName, CancellationToken cancellationToken) =>
        Task.FromResult(new NodePods(
            nodeName,
            time.GetUtcNow(),
            [.. pods.Where(pod => string.Equals(pod.NodeName, nodeName, StringComparison.Ordinal)).Select(pod => pod.Snapshot)]));

    public Task<OwnerRef?> GetWorkloadAsync(ClusterRef cluster, string podNamespace, OwnerRef? controller, CancellationToken cancellationToken) =>
        Task.FromResult(controller is null ? null : owners.GetValueOrDefault((controller.Kind, podNamespace, controller.Name)) ?? controller);

    public Task<PodSnapshot?> FindPodAsync(ClusterRef cluster, string podNamespace, string podName, CancellationToken cancellationToken) =>
        Task.FromResult(pods.Select(pod => pod.Snapshot).FirstOrDefault(pod => pod.Namespace == podNamespace && pod.Name == podName));

    public Task<IReadOnlyList<PodSnapshot>> ListJobPodsAsync(ClusterRef cluster, string jobNamespace, string jobName, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PodSnapshot>>([.. pods.Select(pod => pod.Snapshot).Where(pod => pod.Namespace == jobNamespace && pod.Controller == new OwnerRef("Job", jobName))]);

    /// <summary>An incident's re-check, answered from the snapshot: the pods of the namespace the workload controls.</summary>
    public Task<IReadOnlyList<WorkloadPod>> ListAsync(ClusterRef cluster, string workloadNamespace, WorkloadRef workload, CancellationToken cancellationToken) =>
        Task.FromResult(KubernetesWorkloadPods.Of(pods.Where(pod => pod.Pod.Metadata?.NamespaceProperty == workloadNamespace).Select(pod => pod.Pod), workload));

    /// <summary>The snapshot in the files, or null after printing why a file cannot be used.</summary>
    public static async Task<PodSnapshotDirectory?> ReadAsync(IReadOnlyList<string> files, TimeProvider time, CliConsole console, CancellationToken cancellationToken)
    {
        var pods = new List<SnapshotPod>();
        var owners = new Dictionary<(string, string, string), OwnerRef>();
        foreach (var file in files)
        {
            var text = await InputFiles.ReadTextAsync(file, console, cancellationToken);
            if (text is null || !await AddAsync(file, text, pods, owners, console))
            {
                return null;
            }
        }

        return new PodSnapshotDirectory(pods, owners, time);
    }

    private static async Task<bool> AddAsync(string file, string text, List<SnapshotPod> pods, Dictionary<(string, string, string), OwnerRef> owners, CliConsole console)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().ToList()
                : [root];
            foreach (var item in items)
            {
                Add(item, pods, owners);
            }

            return true;
        }
        catch (JsonException e)
        {
            await console.Error.WriteLineAsync($"error: --pods {file}: not the JSON of 'kubectl get pods -A -o json': {e.Message}");
            return false;
        }
    }

    private static void Add(JsonElement item, List<SnapshotPod> pods, Dictionary<(string, string, string), OwnerRef> owners)
    {
        var kind = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        switch (kind)
        {
            case "Pod":
                var pod = KubernetesJson.Deserialize<V1Pod>(item.GetRawText());
                pods.Add(new SnapshotPod(pod.Spec?.NodeName, PodMapper.ToSnapshot(pod), pod));
                break;
            case "ReplicaSet":
                AddOwner("ReplicaSet", KubernetesJson.Deserialize<V1ReplicaSet>(item.GetRawText()).Metadata, owners);
                break;
            case "Job":
                AddOwner("Job", KubernetesJson.Deserialize<V1Job>(item.GetRawText()).Metadata, owners);
                break;
            default:
                throw new JsonException($"an item of kind '{kind ?? "none"}'; expected Pod, ReplicaSet or Job");
        }
    }

    private static void AddOwner(string kind, V1ObjectMeta? metadata, Dictionary<(string, string, string), OwnerRef> owners)
    {
        if (metadata?.Name is { } name && PodMapper.Controller(metadata) is { } owner)
        {
            owners[(kind, metadata.NamespaceProperty ?? "", name)] = owner;
        }
    }

    /// <summary>A pod of the snapshot, the node it was bound to, and the pod as the files hold it (for the re-check).</summary>
    internal sealed record SnapshotPod(string? NodeName, PodSnapshot Snapshot, V1Pod Pod);
}
