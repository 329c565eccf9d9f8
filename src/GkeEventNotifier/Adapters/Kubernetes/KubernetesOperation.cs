namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// One kind of request the look-up makes, with the permission it needs in both worlds, so a refusal can name exactly
/// what to grant. These six (plus <c>container.clusters.get</c> for the GKE API) are all the look-up ever uses.
/// </summary>
internal sealed record KubernetesOperation(string Description, string IamPermission, string RbacRule)
{
    public static readonly KubernetesOperation ListPods = new("list the pods on the node", "container.pods.list", "list pods");
    public static readonly KubernetesOperation GetReplicaSet = new("read the pod's ReplicaSet", "container.replicaSets.get", "get replicasets (apps)");
    public static readonly KubernetesOperation GetJob = new("read the pod's Job", "container.jobs.get", "get jobs (batch)");
    public static readonly KubernetesOperation ListNamespacePods = new("list the pods of the workload's namespace", "container.pods.list", "list pods");
    public static readonly KubernetesOperation ListJobs = new("list the CronJob's Jobs", "container.jobs.list", "list jobs (batch)");
    public static readonly KubernetesOperation GetNode = new("read the node", "container.nodes.get", "get nodes");
}
