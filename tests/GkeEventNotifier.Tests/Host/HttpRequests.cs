using System.Net.Http.Headers;
using System.Text;

namespace GkeEventNotifier.Tests.Host;

/// <summary>Requests shaped exactly as each Google delivery mechanism sends them.</summary>
internal static class HttpRequests
{
    public static HttpRequestMessage BinaryCloudEvent(string body, string contentType = "application/json; charset=utf-8", string type = "google.cloud.pubsub.topic.v1.messagePublished", string id = "8812345678901234")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = Content(body, contentType) };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-type", type);
        request.Headers.Add("ce-source", "//pubsub.googleapis.com/projects/test-project/topics/gke-events");
        request.Headers.Add("ce-id", id);
        request.Headers.Add("ce-time", "2026-11-20T13:03:28.613Z");
        return request;
    }

    public static HttpRequestMessage Post(string path, string body, string? contentType) =>
        new(HttpMethod.Post, path) { Content = Content(body, contentType) };

    public static ByteArrayContent Content(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }
}
