using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Nodes;
using GkeEventNotifier.Stages.Enrichment;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// <see cref="IClusterNodes"/> over KubernetesClient: one GET of the node, asking the API server for its metadata only
/// (<c>PartialObjectMetadata</c>, about 1 KB instead of the whole Node with its status and image list). 404 is a node
/// that is gone. The name comes from event text: it must be a valid node name before a request is built.
/// </summary>
internal sealed class KubernetesNodes(IClusterClients clusters, IOptions<KubernetesOptions> options, TimeProvider time) : IClusterNodes
{
    private const string MetadataOnly = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

    private static readonly NodePresence Gone = new(DateTimeOffset.MinValue);

    public async Task<NodePresence?> ReadAsync(ClusterRef cluster, string node, CancellationToken cancellationToken)
    {
        if (KubernetesNames.ProblemWithName("Node", node) is { } problem)
        {
            throw new PodLookupException(problem);
        }

        var found = await KubernetesCall.RunAsync(clusters, cluster, KubernetesOperation.GetNode, options.Value.Timeout, time,
            async (client, token) => Presence(await ReadMetadataAsync(client, node, token)), cancellationToken, whenGone: Gone);
        return ReferenceEquals(found, Gone) ? null : found;
    }

    /// <summary>The answer is a PartialObjectMetadata; read as a Node it fills only <c>metadata</c>, all this needs.</summary>
    private static async Task<V1Node> ReadMetadataAsync(IKubernetes client, string node, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["Accept"] = [MetadataOnly] };
        using var response = await client.CoreV1.ReadNodeWithHttpMessagesAsync(node, customHeaders: headers, cancellationToken: cancellationToken);
        return response.Body;
    }

    private static NodePresence Presence(V1Node metadata) =>
        new(metadata.Metadata?.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null);
}
