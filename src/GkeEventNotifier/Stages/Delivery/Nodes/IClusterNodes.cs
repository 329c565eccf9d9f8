using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Delivery.Nodes;

/// <summary>
/// The one read a node problem's re-check makes: the node's metadata (<c>GET /api/v1/nodes/NAME</c>, metadata only),
/// never a list. Throws <see cref="PodLookupException"/> when the cluster cannot be read or the name from event text is
/// not a valid node name.
/// </summary>
internal interface IClusterNodes
{
    /// <summary>The node as the cluster holds it now; null when the cluster has no node of that name.</summary>
    Task<NodePresence?> ReadAsync(ClusterRef cluster, string node, CancellationToken cancellationToken);
}

/// <summary>A node the cluster still holds, and when that Node object was created (a repaired or replaced node is a new one).</summary>
internal sealed record NodePresence(DateTimeOffset? Created);
