using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>What makes alerts "the same problem": cluster, namespace, owning workload and reason.</summary>
public sealed record GroupKey(string Cluster, string Namespace, WorkloadRef Workload, string Reason)
{
    /// <summary>The key as one string: stored in message metadata and compared on read-back.</summary>
    public string Id => $"{Cluster}|{Namespace}|{Workload}|{Reason}";

    public static GroupKey For(Alert alert, IWorkloadResolver workloads)
    {
        var e = alert.Entry.Event;
        return new GroupKey(
            alert.Entry.Cluster.ToString(),
            e.InvolvedObject.Namespace ?? e.Namespace ?? "",
            workloads.Resolve(alert.Entry),
            e.Reason);
    }
}
