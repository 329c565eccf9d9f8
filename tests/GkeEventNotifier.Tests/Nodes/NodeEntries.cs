using System.Text.Json.Nodes;

namespace GkeEventNotifier.Tests.Nodes;

/// <summary>Node events of the samples (node gke-shop-eu1-default-pool-7f3a9c21-x2kq), as GKE writes them, with fresh ids.</summary>
internal static class NodeEntries
{
    public const string Node = "gke-shop-eu1-default-pool-7f3a9c21-x2kq";

    /// <summary>The sample, with a new event uid and insertId so that it is a new event, optionally on another node.</summary>
    public static JsonObject Sample(string name, string? node = null)
    {
        var entry = Samples.EntryNode(name);
        var payload = entry["jsonPayload"]!;
        payload["metadata"]!["uid"] = Guid.NewGuid().ToString();
        entry["insertId"] = Guid.NewGuid().ToString("N")[..15];
        if (node is not null)
        {
            var json = entry.ToJsonString().Replace(Node, node, StringComparison.Ordinal);
            return JsonNode.Parse(json)!.AsObject();
        }

        return entry;
    }

    /// <summary>A node event of the given reason and message, shaped as the sample condition change.</summary>
    public static JsonObject Event(string reason, string message, string type = "Warning", string kind = "Node")
    {
        var entry = Sample("keep-node-condition-true");
        var payload = entry["jsonPayload"]!;
        payload["reason"] = reason;
        payload["message"] = message;
        payload["type"] = type;
        payload["involvedObject"]!["kind"] = kind;
        return entry;
    }
}
