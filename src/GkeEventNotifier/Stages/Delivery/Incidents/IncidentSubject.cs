using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// What an incident is about: a workload of a namespace, or a node (<c>Node/&lt;name&gt;</c>, no namespace), in one
/// cluster. <see cref="Revision"/> is the workload's revision that was failing (a Deployment's ReplicaSet hash), so a
/// re-check can tell "recovered" from "replaced by a new rollout"; null when there is no such thing.
/// </summary>
internal sealed record IncidentSubject(ClusterRef Cluster, string Namespace, WorkloadRef Workload, string? Revision = null)
{
    /// <summary>"Deployment shop/cart", "Node gke-…-x2kq".</summary>
    public override string ToString() => Describe();

    public string Describe() => Namespace.Length > 0 ? $"{Workload.Kind} {Namespace}/{Workload.Name}" : $"{Workload.Kind} {Workload.Name}";
}
