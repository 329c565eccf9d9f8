using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Incidents;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Enrichment;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// <see cref="IWorkloadPods"/> over KubernetesClient: one list of the namespace's pods, kept to those the workload
/// controls by owner reference (a Deployment's pods through a ReplicaSet named after it, a CronJob's through its Jobs).
/// Namespace and workload come from event text: both must be valid Kubernetes names before a request is built.
/// </summary>
internal sealed class KubernetesWorkloadPods(IClusterClients clusters, IOptions<KubernetesOptions> options, TimeProvider time) : IWorkloadPods
{
    private const string TemplateHashLabel = "pod-template-hash";

    public async Task<IReadOnlyList<WorkloadPod>> ListAsync(ClusterRef cluster, string workloadNamespace, WorkloadRef workload, CancellationToken cancellationToken)
    {
        if ((KubernetesNames.ProblemWithNamespace(workloadNamespace) ?? KubernetesNames.ProblemWithName(workload.Kind, workload.Name)) is { } problem)
        {
            throw new PodLookupException(problem);
        }

        var pods = await KubernetesCall.RunAsync(clusters, cluster, KubernetesOperation.ListNamespacePods, options.Value.Timeout, time,
            (client, token) => client.CoreV1.ListNamespacedPodAsync(workloadNamespace, cancellationToken: token), cancellationToken);
        return Of(pods.Items, workload);
    }

    /// <summary>The pods of a list that the workload controls, as a re-check sees them (also the replay's snapshot).</summary>
    public static IReadOnlyList<WorkloadPod> Of(IEnumerable<V1Pod> pods, WorkloadRef workload) =>
        pods.Where(pod => IsControlledBy(pod, workload)).Select(ToWorkloadPod).ToList();

    private static bool IsControlledBy(V1Pod pod, WorkloadRef workload)
    {
        if (workload.Kind == "Pod")
        {
            return pod.Metadata.Name == workload.Name;
        }

        var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(reference => reference.Controller == true);
        return (workload.Kind, owner?.Kind) switch
        {
            (_, null) => false,
            ("Deployment", "ReplicaSet") => IsGenerated(owner.Name, workload.Name, char.IsAsciiLetterOrDigit),
            ("CronJob", "Job") => IsGenerated(owner.Name, workload.Name, char.IsAsciiDigit),
            var (kind, ownerKind) => kind == ownerKind && owner.Name == workload.Name,
        };
    }

    /// <summary><c>&lt;parent&gt;-&lt;suffix&gt;</c> with a suffix of one kind of character: a ReplicaSet's hash, a CronJob's scheduled minute.</summary>
    private static bool IsGenerated(string name, string parent, Func<char, bool> suffix) =>
        name.Length > parent.Length + 1 && name.StartsWith(parent + "-", StringComparison.Ordinal) && name[(parent.Length + 1)..].All(suffix);

    private static WorkloadPod ToWorkloadPod(V1Pod pod)
    {
        var revision = pod.Metadata.Labels?.TryGetValue(TemplateHashLabel, out var hash) == true ? hash : null;
        var ready = pod.Status?.Phase == "Succeeded"
            || pod.Status?.Conditions?.Any(condition => condition.Type == "Ready" && condition.Status == "True") == true;
        var restarts = pod.Status?.ContainerStatuses?.Sum(status => status.RestartCount) ?? 0;
        var scheduled = !string.IsNullOrEmpty(pod.Spec?.NodeName)
            || pod.Status?.Conditions?.Any(condition => condition.Type == "PodScheduled" && condition.Status == "True") == true;
        var running = pod.Status?.Phase is "Running" or "Succeeded";
        return new WorkloadPod(pod.Metadata.Name, revision, ready, restarts, scheduled, running);
    }
}
