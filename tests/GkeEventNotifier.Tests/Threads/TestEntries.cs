using System.Text.Json.Nodes;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>Real-shaped LogEntries (from the samples), with the names, node and time a test needs.</summary>
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
}
