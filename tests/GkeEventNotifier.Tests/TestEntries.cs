using System.Globalization;
using System.Text.Json.Nodes;

namespace GkeEventNotifier.Tests;

/// <summary>
/// The one builder of test LogEntries: real shapes (from the samples) as the events sink writes them, with the names,
/// UIDs, node and times of the test's own, so every entry is a distinct Kubernetes event unless a test says otherwise.
/// </summary>
internal static class TestEntries
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
        payload["metadata"]!["uid"] = Guid.NewGuid().ToString();
        payload["source"]!["host"] = node;
        entry["resource"]!["labels"]!["pod_name"] = pod;
        entry["resource"]!["labels"]!["namespace_name"] = ns;
        entry["insertId"] = Guid.NewGuid().ToString("N")[..15];
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
