using System.Globalization;
using System.Text.Json.Nodes;

namespace GkeEventNotifier.Tests;

/// <summary>
/// The one builder of test LogEntries: real shapes (from the samples) as the events sink writes them, with the names,
/// UIDs, node and times of the test's own, so every entry is a distinct Kubernetes event unless a test says otherwise.
/// </summary>
internal static partial class TestEntries
{
    public const string Node = "gke-shop-eu1-default-pool-7f3a9c21-x2kq";

    /// <summary>An eviction of a checkout-api pod (a Deployment's pod) on <see cref="Node"/>, unless told otherwise.</summary>
    public static JsonObject Evicted(string pod = "checkout-api-6d8f7b9c5d-qz4lp", string node = Node, string ns = "shop")
    {
        var entry = Samples.EntryNode("keep-evicted");
        var payload = entry["jsonPayload"]!;
        payload["involvedObject"]!["name"] = pod;
        payload["involvedObject"]!["namespace"] = ns;
        payload["involvedObject"]!["uid"] = Guid.NewGuid().ToString();
        payload["source"]!["host"] = node;
        entry["resource"]!["labels"]!["pod_name"] = pod;
        entry["resource"]!["labels"]!["namespace_name"] = ns;
        return Fresh(entry);
    }

    /// <summary>The entry as a new Kubernetes event: a fresh event uid and insertId, so dedup never takes it for another copy.</summary>
    public static JsonObject Fresh(JsonObject entry)
    {
        entry["jsonPayload"]!["metadata"]!["uid"] = Guid.NewGuid().ToString();
        entry["insertId"] = Guid.NewGuid().ToString("N")[..15];
        return entry;
    }

    /// <summary>A sample (samples/entries) as a new event, its times as the sample has them; on another node than <see cref="Node"/> when told.</summary>
    public static JsonObject Sample(string name, string node = Node)
    {
        var entry = Fresh(Samples.EntryNode(name));
        return node == Node ? entry : JsonNode.Parse(entry.ToJsonString().Replace(Node, node, StringComparison.Ordinal))!.AsObject();
    }

    /// <summary>The entry as GKE logs an event last seen at <paramref name="at"/>: its timestamps and the event's last time.</summary>
    public static JsonObject LoggedAt(JsonObject entry, DateTimeOffset at)
    {
        var time = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        entry["timestamp"] = time;
        entry["receiveTimestamp"] = time;
        entry["jsonPayload"]!["lastTimestamp"] = time;
        return entry;
    }

    /// <summary>A Node event of the given reason and message, shaped as the sample condition change (kind Node unless told).</summary>
    public static JsonObject NodeEvent(string reason, string message, string type = "Warning", string kind = "Node")
    {
        var entry = Sample("keep-node-condition-true");
        var payload = entry["jsonPayload"]!;
        payload["reason"] = reason;
        payload["message"] = message;
        payload["type"] = type;
        payload["involvedObject"]!["kind"] = kind;
        return entry;
    }

    /// <summary>Pod names as a ReplicaSet makes them: same template hash, a different 5-letter suffix each.</summary>
    public static string CheckoutPod(int i) => $"checkout-api-6d8f7b9c5d-{"bcdfghjklmnpqrstvwxz"[i % 20]}x{"2456789bcd"[i / 20 % 10]}lp";

    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 14, 3, TimeSpan.Zero);

    /// <summary>The sample with its own pod name and event uid, so every entry is a distinct Kubernetes event.</summary>
    public static string Distinct(string sample, string podName, string? @namespace = null, int second = 0, string? eventUid = null)
    {
        var node = Samples.EntryNode(sample);
        var payload = node["jsonPayload"]!;
        var involved = payload["involvedObject"]!.AsObject();
        if (involved["kind"]?.GetValue<string>() != "Node")
        {
            involved["name"] = podName;
            involved["uid"] = Uid("pod", podName);
        }
        else
        {
            payload["message"] = payload["message"]!.GetValue<string>() + $" (test {podName})";
        }

        if (@namespace is not null && involved["namespace"] is not null)
        {
            involved["namespace"] = @namespace;
            payload["metadata"]!["namespace"] = @namespace;
        }

        payload["metadata"]!["uid"] = eventUid ?? Uid("event", podName);
        return At(node, second, podName);
    }

    /// <summary>The same Kubernetes event written again by GKE on an update: same uid, new insertId, newer timestamp.</summary>
    public static string Update(string entry, int second)
    {
        var node = JsonNode.Parse(entry)!.AsObject();
        return At(node, second, node["insertId"]!.GetValue<string>() + "-update");
    }

    /// <summary>The kubelet's aggregate of similar events: its own uid, the message prefixed, same object and reason.</summary>
    public static string Combined(string entry, int second)
    {
        var node = JsonNode.Parse(entry)!.AsObject();
        var payload = node["jsonPayload"]!;
        payload["message"] = "(combined from similar events): " + payload["message"]!.GetValue<string>();
        payload["metadata"]!["uid"] = Uid("combined", node["insertId"]!.GetValue<string>());
        return At(node, second, node["insertId"]!.GetValue<string>() + "-combined");
    }

    public static string Uid(string kind, string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(kind + "/" + name));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static string At(JsonObject node, int second, string insertId)
    {
        var time = Start.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        node["timestamp"] = time;
        node["receiveTimestamp"] = time;
        node["insertId"] = insertId;
        node["jsonPayload"]!["lastTimestamp"] = time;
        return node.ToJsonString();
    }
}
