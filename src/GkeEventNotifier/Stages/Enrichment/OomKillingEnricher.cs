using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Enrichment.Oom;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>
/// <c>OOMKilling</c> (a Node event naming only a process) → the pod and container it hit, from that node's pods only.
/// Steps: parse the kernel line; list the node's pods (shared across a burst); match by cgroup, else by time; look up
/// the owning workload. Policy: degrade, never drop — a failed look-up becomes a note in the alert, because the alert
/// is worth more without the pod than no alert at all. Only the caller's cancellation propagates.
/// </summary>
internal sealed partial class OomKillingEnricher(
    IPodDirectory pods,
    IOptions<KubernetesOptions> options,
    ILogger<OomKillingEnricher> logger) : IEventEnricher
{
    public bool AppliesTo(EventLogEntry entry) => string.Equals(entry.Event.Reason, "OOMKilling", StringComparison.Ordinal);

    public async Task<IReadOnlyList<Finding>> EnrichAsync(EventLogEntry entry, CancellationToken cancellationToken)
    {
        var kill = OomMessageParser.Parse(entry.Event.Message);
        if (kill.IsOutsidePods)
        {
            return [OomFindings.Resolved(kill, entry.NodeName ?? "—", OomMatcher.OutsidePods(kill), null, [])];
        }

        if (entry.NodeName is not { } node)
        {
            return [OomFindings.Unresolved(kill, null, "The event names no node, so there are no pods to look at.")];
        }

        NodePods nodePods;
        try
        {
            nodePods = await pods.ListPodsOnNodeAsync(entry.Cluster, node, cancellationToken);
        }
        catch (PodLookupException e)
        {
            LogLookupFailed(logger, node, entry.Cluster.ToString(), e.Message);
            return [OomFindings.Unresolved(kill, node, e.Message)];
        }

        var resolution = OomMatcher.Resolve(kill, entry.Event.LastSeen, nodePods, options.Value.MatchWindow);
        var (workload, notes) = await WorkloadAsync(entry.Cluster, resolution, cancellationToken);
        return [OomFindings.Resolved(kill, node, resolution, workload, notes)];
    }

    /// <summary>The owner is a nicety: if it cannot be read, show the pod's direct controller and say why.</summary>
    private async Task<(OwnerRef? Workload, IReadOnlyList<string> Notes)> WorkloadAsync(ClusterRef cluster, OomResolution resolution, CancellationToken cancellationToken)
    {
        if (resolution.OnlyCandidate is not { Pod: var pod })
        {
            return (null, []);
        }

        try
        {
            return (await pods.GetWorkloadAsync(cluster, pod.Namespace, pod.Controller, cancellationToken), []);
        }
        catch (PodLookupException e)
        {
            LogLookupFailed(logger, pod.FullName, cluster.ToString(), e.Message);
            return (pod.Controller, [e.Message]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OOM look-up for {Subject} in {Cluster} degraded: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string subject, string cluster, string reason);
}
