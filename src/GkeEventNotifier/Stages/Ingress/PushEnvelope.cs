using System.Text.Json;
using System.Text.Json.Serialization;

namespace GkeEventNotifier.Stages.Ingress;

/// <summary>
/// <c>MessagePublishedData</c> / the Pub/Sub push body: <c>{"message":{…},"subscription":"…"}</c>. Real payloads may
/// carry snake_case duplicates (<c>message_id</c>, <c>publish_time</c>) and <c>@type</c>; unknown fields are ignored.
/// </summary>
internal sealed record PushEnvelope(
    [property: JsonPropertyName("message")] PushMessage? Message,
    [property: JsonPropertyName("subscription")] string? Subscription,
    [property: JsonPropertyName("deliveryAttempt")] int? DeliveryAttempt);

internal sealed record PushMessage(
    [property: JsonPropertyName("data")] MessageDataText? Data,
    [property: JsonPropertyName("attributes")] Dictionary<string, string>? Attributes,
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("message_id")] string? SnakeMessageId,
    [property: JsonPropertyName("publishTime")] string? PublishTime,
    [property: JsonPropertyName("publish_time")] string? SnakePublishTime);

/// <summary>The legacy GCF event: <c>{context:{eventId,eventType,…},data:{…}}</c> or the flat <c>{eventId,eventType,resource,data}</c>.</summary>
internal sealed record LegacyEvent(
    [property: JsonPropertyName("context")] LegacyContext? Context,
    [property: JsonPropertyName("eventId")] string? EventId,
    [property: JsonPropertyName("eventType")] string? EventType,
    [property: JsonPropertyName("timestamp")] string? Timestamp,
    [property: JsonPropertyName("data")] PushMessage? Data);

internal sealed record LegacyContext(
    [property: JsonPropertyName("eventId")] string? EventId,
    [property: JsonPropertyName("eventType")] string? EventType,
    [property: JsonPropertyName("timestamp")] string? Timestamp);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(PushEnvelope))]
[JsonSerializable(typeof(LegacyEvent))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class IngressJsonContext : JsonSerializerContext;
