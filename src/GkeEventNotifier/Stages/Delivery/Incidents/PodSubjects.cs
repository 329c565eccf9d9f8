using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>The subject of a pod's event: its owning workload, and for a Deployment's pod the revision (ReplicaSet hash) in its name.</summary>
internal static class PodSubjects
{
    public static IncidentSubject? Of(EventLogEntry entry, IWorkloadResolver workloads)
    {
        var involved = entry.Event.InvolvedObject;
        if (involved.Kind != "Pod" || involved.Namespace is not { Length: > 0 } podNamespace || involved.Name.Length == 0)
        {
            return null;
        }

        var workload = workloads.Resolve(entry);
        return new IncidentSubject(entry.Cluster, podNamespace, workload, Revision(workload, involved.Name));
    }

    /// <summary><c>cart-5f9c8d7b6-h2xvn</c> of Deployment <c>cart</c> → <c>5f9c8d7b6</c>.</summary>
    private static string? Revision(WorkloadRef workload, string pod)
    {
        if (workload.Kind != "Deployment" || pod.Length <= workload.Name.Length + 1 || !pod.StartsWith(workload.Name + "-", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = pod[(workload.Name.Length + 1)..];
        var dash = rest.LastIndexOf('-');
        return dash > 0 ? rest[..dash] : null;
    }
}
