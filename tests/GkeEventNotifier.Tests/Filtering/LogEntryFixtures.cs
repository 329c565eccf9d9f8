using System.Text.Json;

namespace GkeEventNotifier.Tests.Filtering;

/// <summary>Real-shaped GKE event LogEntries (JSON form, as the function receives them), with made-up names.</summary>
internal static class LogEntryFixtures
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The entries of samples/gke-events-export.json (a gcloud export), in order.</summary>
    public static IReadOnlyList<JsonElement> Export()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Tests.Samples.Path_("gke-events-export.json")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    public static JsonElement Event(
        string reason = "Evicted",
        string message = "The node was low on resource: memory.",
        string kind = "Pod",
        string name = "web-5c8d7f9b6-abcde",
        string ns = "storefront",
        string resourceType = "k8s_pod",
        string logName = "projects/acme-test/logs/events",
        string severity = "WARNING",
        string timestamp = "2026-05-06T07:08:09.123456789Z") => Parse($$"""
        {
          "insertId": "t3stins3rt01",
          "logName": "{{logName}}",
          "severity": "{{severity}}",
          "timestamp": "{{timestamp}}",
          "receiveTimestamp": "2026-05-06T07:08:10Z",
          "labels": { "k8s-pod/app": "web", "compute.googleapis.com/resource_name": "gke-node-1" },
          "resource": {
            "type": "{{resourceType}}",
            "labels": { "project_id": "acme-test", "cluster_name": "blue", "location": "us-central1", "namespace_name": "{{ns}}" }
          },
          "jsonPayload": {
            "kind": "Event",
            "type": "Warning",
            "reason": "{{reason}}",
            "message": {{JsonSerializer.Serialize(message)}},
            "count": 3,
            "ratio": 0.5,
            "acknowledged": false,
            "eventTime": null,
            "involvedObject": { "kind": "{{kind}}", "name": "{{name}}", "namespace": "{{ns}}" },
            "source": { "component": "kubelet", "host": "gke-blue-pool-1-aaaa" },
            "containers": [ { "name": "app", "restarts": 4 }, { "name": "sidecar", "restarts": 0 } ],
            "tags": [ "alpha", "beta" ]
          }
        }
        """);
}
