using System.Text.Json;

namespace GkeEventNotifier.Model;

/// <summary>
/// A decoded GKE events LogEntry: the Kubernetes event, the cluster it came from, and the LogEntry itself
/// (<see cref="Raw"/>) so that Cloud Logging queries can be evaluated on any field, exactly as the sink does.
/// </summary>
public sealed record EventLogEntry(
    string InsertId,
    string LogName,
    string ResourceType,
    IReadOnlyDictionary<string, string> ResourceLabels,
    DateTimeOffset Timestamp,
    string Severity,
    ClusterRef Cluster,
    KubernetesEvent Event,
    JsonElement Raw)
{
    /// <summary>The node an event is about or was reported from: resource label, then source host, then a Node object's name.</summary>
    public string? NodeName =>
        ResourceLabels.TryGetValue("node_name", out var node) && node.Length > 0 ? node
        : Event.SourceHost is { Length: > 0 } host ? host
        : string.Equals(Event.InvolvedObject.Kind, "Node", StringComparison.Ordinal) ? Event.InvolvedObject.Name
        : null;
}
