using System.Security.Cryptography;
using System.Text.Json;
using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Ingress;

/// <summary>
/// A Pub/Sub push without the wrapper (a subscription with <c>--push-no-wrapper</c>): the body is the message data
/// itself, here the LogEntry the sink published. With <c>--push-no-wrapper-write-metadata</c> the message ID, publish
/// time and subscription arrive as <c>x-goog-pubsub-*</c> headers; without it there is no message ID, so the entry's
/// <c>insertId</c> (or, failing a usable one, a hash of the body) names the message in logs.
/// Header and entry values are event data: an ID is kept only when it is short and plain.
/// </summary>
internal static class UnwrappedPush
{
    public const string HeaderPrefix = "x-goog-pubsub-";
    public const string MessageIdHeader = "x-goog-pubsub-message-id";
    private const string PublishTimeHeader = "x-goog-pubsub-publish-time";
    private const string SubscriptionHeader = "x-goog-pubsub-subscription-name";
    private const int MaxIdLength = 128;

    public const string Shape = "Pub/Sub push without wrapper";

    /// <summary>Whether a JSON body with no envelope of its own is a LogEntry (what the sink publishes).</summary>
    public static bool LooksLikeLogEntry(JsonElement root) =>
        root.TryGetProperty("logName", out _) || root.TryGetProperty("insertId", out _);

    public static IngressResult Read(IngressRequest request, JsonElement? logEntry)
    {
        var id = Plain(request.Headers.GetValueOrDefault(MessageIdHeader))
            ?? Plain(logEntry is { } entry && entry.TryGetProperty("insertId", out var insertId) && insertId.ValueKind == JsonValueKind.String ? insertId.GetString() : null)
            ?? "body-sha256:" + Convert.ToHexStringLower(SHA256.HashData(request.Body.Span))[..16];
        DateTimeOffset? published = Rfc3339.TryParse(request.Headers.GetValueOrDefault(PublishTimeHeader), out var time) ? time : null;
        var message = new PubSubMessage(
            id,
            PubSubMessage.Base64Text(request.Body.Span),
            new Dictionary<string, string>(),
            published,
            Plain(request.Headers.GetValueOrDefault(SubscriptionHeader), maxLength: 255));
        return new IngressResult.Message(message, Shape);
    }

    private static string? Plain(string? value, int maxLength = MaxIdLength) =>
        value is { Length: > 0 } && value.Length <= maxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/')
            ? value
            : null;
}
