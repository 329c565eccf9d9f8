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

    /// <summary>
    /// A push from a subscription with <c>--push-no-wrapper</c>: the body is the message data itself; with
    /// <c>--push-no-wrapper-write-metadata</c> the metadata comes as <c>x-goog-pubsub-*</c> headers.
    /// </summary>
    public static HttpRequestMessage UnwrappedPush(string body, string? contentType, string? messageId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = Content(body, contentType) };
        if (messageId is not null)
        {
            request.Headers.Add("x-goog-pubsub-message-id", messageId);
            request.Headers.Add("x-goog-pubsub-publish-time", "2026-11-20T13:03:29.120Z");
            request.Headers.Add("x-goog-pubsub-subscription-name", "projects/test-project/subscriptions/eventarc-europe-west1-gke-events-sub-123");
        }

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

    /// <summary>The same request sent without a Content-Length (chunked), as a client that streams its body does.</summary>
    public static HttpRequestMessage WithoutLength(HttpRequestMessage request)
    {
        var original = request.Content!;
        var chunked = new UnannouncedContent(original.ReadAsByteArrayAsync().GetAwaiter().GetResult());
        foreach (var header in original.Headers)
        {
            chunked.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        chunked.Headers.ContentLength = null;
        request.Content = chunked;
        return request;
    }

    private sealed class UnannouncedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
