using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GkeEventNotifier.Tests.Deploy;

/// <summary>
/// A binary-mode CloudEvent as Eventarc delivers it for the sink's topic: ce-* headers, and a Pub/Sub message
/// whose data is a GKE event LogEntry (an eviction the default filter keeps).
/// </summary>
internal static class SamplePubSubCloudEvent
{
    public const string PodName = "ledger-api-5c8f7d9b6-q4wzt";

    public static HttpRequestMessage Request(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(Body(), Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-type", "google.cloud.pubsub.topic.v1.messagePublished");
        request.Headers.Add("ce-source", "//pubsub.googleapis.com/projects/sample-project/topics/gke-events");
        request.Headers.Add("ce-id", "8123456789012345");
        request.Headers.Add("ce-time", "2026-03-02T10:15:31.204Z");
        return request;
    }

    private static string Body() => JsonSerializer.Serialize(new
    {
        message = new
        {
            data = Convert.ToBase64String(Encoding.UTF8.GetBytes(LogEntry())),
            messageId = "8123456789012345",
            publishTime = "2026-03-02T10:15:31.204Z",
        },
        subscription = "projects/sample-project/subscriptions/eventarc-europe-west1-gke-event-notifier-000",
    });

    private static string LogEntry() => JsonSerializer.Serialize(new
    {
        insertId = "1a2b3c4d5e6f",
        logName = "projects/sample-project/logs/events",
        receiveTimestamp = "2026-03-02T10:15:30.981234567Z",
        timestamp = "2026-03-02T10:15:29Z",
        severity = "WARNING",
        resource = new
        {
            type = "k8s_pod",
            labels = new
            {
                project_id = "sample-project",
                location = "europe-west1",
                cluster_name = "payments-prod",
                namespace_name = "ledger",
                pod_name = PodName,
            },
        },
        jsonPayload = new
        {
            apiVersion = "v1",
            kind = "Event",
            type = "Warning",
            reason = "Evicted",
            message = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 91232Ki.",
            metadata = new { name = $"{PodName}.18a7c2f0d1e2b3c4", @namespace = "ledger", uid = "4b0d7a8e-1f2c-4d3b-9e6a-7c5d4e3f2a10" },
            involvedObject = new { kind = "Pod", name = PodName, @namespace = "ledger", uid = "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f", apiVersion = "v1" },
            source = new { component = "kubelet", host = "gke-payments-prod-pool-1-8d7c6b5a-x1y2" },
            firstTimestamp = "2026-03-02T10:15:29Z",
            lastTimestamp = "2026-03-02T10:15:29Z",
            count = 1,
        },
    });
}
