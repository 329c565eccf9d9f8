using GkeEventNotifier.Model;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>
/// A node problem's blast radius: the node pool (from GKE's node naming), how many pods run on the node and which
/// workloads own them. The pods come from the same node-scoped list the OOM look-up makes (shared within seconds, so a
/// problem and an OOM kill on one node cost one list). Policy: degrade, never drop — a failed list becomes a note.
/// </summary>
internal sealed partial class NodeContextEnricher(IPodDirectory pods, ILogger<NodeContextEnricher> logger) : IEventEnricher
{
    public const string Heading = "Node";

    public bool AppliesTo(EventLogEntry entry) =>
        NodeSignal.From(entry.Event) is { Kind: NodeSignalKind.Problem or NodeSignalKind.ConditionTrue or NodeSignalKind.NotReady };

    public async Task<IReadOnlyList<Finding>> EnrichAsync(EventLogEntry entry, CancellationToken cancellationToken)
    {
        var node = entry.Event.InvolvedObject.Name;
        var fields = new List<FindingField>
        {
            new("Node pool", NodePoolName.From(node, entry.Cluster.ClusterName) ?? "unknown (the node name is not GKE's gke-CLUSTER-POOL-… form)"),
        };
        var notes = new List<string>();
        try
        {
            var listed = await pods.ListPodsOnNodeAsync(entry.Cluster, node, cancellationToken);
            if (listed.NodeLooksGone)
            {
                notes.Add("The node runs no pods any more: it is gone (scaled down, repaired or replaced).");
            }
            else
            {
                fields.Add(new("Pods on the node", listed.Pods.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                fields.Add(new("Workloads", Workloads(listed.Pods)));
            }
        }
        catch (PodLookupException e)
        {
            LogLookupFailed(logger, node, entry.Cluster.ToString(), e.Message);
            notes.Add($"Pods on the node unknown: {e.Message}");
        }

        return [new Finding(Heading, fields, notes)];
    }

    private static string Workloads(IReadOnlyList<PodSnapshot> pods)
    {
        var all = NodeWorkloads.Describe(pods);
        var shown = string.Join(", ", all.Take(NodeWorkloads.MaxShown));
        return all.Count > NodeWorkloads.MaxShown ? $"{shown}, and {all.Count - NodeWorkloads.MaxShown} more" : shown;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node context for {Node} in {Cluster} degraded: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string node, string cluster, string reason);
}
