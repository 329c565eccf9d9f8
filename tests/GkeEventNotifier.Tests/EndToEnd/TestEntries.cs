using System.Globalization;
using System.Text.Json.Nodes;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>LogEntries as the events sink writes them, made from the samples with names, UIDs and times of the test's own.</summary>
internal static class TestEntries
{
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
