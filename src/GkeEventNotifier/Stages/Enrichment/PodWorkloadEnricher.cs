using GkeEventNotifier.Model;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>
/// A pod's alert → the workload that owns the pod (a Deployment through its ReplicaSet, a StatefulSet, a DaemonSet, a
/// CronJob through its Job), read from the cluster: the pod (a list narrowed to its name), then its controller's owner.
/// Only when a cluster can be read at all, and nothing when the pod is gone; a failed look-up is a note, never a lost alert.
/// </summary>
internal sealed partial class PodWorkloadEnricher(IPodDirectory pods, ILogger<PodWorkloadEnricher> logger) : IEventEnricher
{
    public const string Heading = "Workload";

    public bool AppliesTo(EventLogEntry entry) => entry.Event.InvolvedObject.Kind == "Pod" && pods.IsAvailable;

    public async Task<IReadOnlyList<Finding>> EnrichAsync(EventLogEntry entry, CancellationToken cancellationToken)
    {
        var involved = entry.Event.InvolvedObject;
        var podNamespace = involved.Namespace ?? entry.Event.Namespace ?? "";
        try
        {
            if (await pods.FindPodAsync(entry.Cluster, podNamespace, involved.Name, cancellationToken) is not { } pod)
            {
                return [];
            }

            var workload = await pods.GetWorkloadAsync(entry.Cluster, podNamespace, pod.Controller, cancellationToken);
            return [new Finding(Heading, [new("Owner", workload is null ? "none (a pod without a controller)" : $"{workload.Kind} {workload.Name}")], [])];
        }
        catch (PodLookupException e)
        {
            LogLookupFailed(logger, $"{podNamespace}/{involved.Name}", entry.Cluster.ToString(), e.Message);
            return [new Finding(Heading, [new("Owner", "unknown (look-up failed)")], [e.Message])];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Owner look-up for pod {Subject} in {Cluster} degraded: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string subject, string cluster, string reason);
}
