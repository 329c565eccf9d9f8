using System.Net.Mime;
using System.Runtime.InteropServices;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;
using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Ingress;

/// <summary>
/// HTTP request → Pub/Sub message, for every shape Google delivers: binary-mode CloudEvents (Eventarc, gen2),
/// structured CloudEvents, raw Pub/Sub push bodies, pushes without the wrapper (<see cref="UnwrappedPush"/>) and the
/// legacy GCF Pub/Sub event. Anything else is rejected with a reason that says what was expected.
/// </summary>
public static class IngressReader
{
    public const string MessagePublishedType = "google.cloud.pubsub.topic.v1.messagePublished";

    private static readonly HashSet<string> LegacyPublishTypes = new(StringComparer.Ordinal)
    {
        "google.pubsub.topic.publish", "providers/cloud.pubsub/eventTypes/topic.publish",
    };


    public static IngressResult Read(IngressRequest request)
    {
        if (request.Body.IsEmpty)
        {
            return new IngressResult.Rejected("empty body: expected a CloudEvent or a Pub/Sub push request");
        }

        if (request.Headers.ContainsKey("ce-specversion"))
        {
            return ReadBinary(request);
        }

        var mediaType = MediaTypeOf(request.ContentType);
        var result = mediaType switch
        {
            "application/cloudevents+json" => ReadStructured(request),
            "application/json" => ReadPlainJson(request),
            _ when TryReadUnwrapped(request) is { } unwrapped => unwrapped,
            null => new IngressResult.Rejected("no Content-Type: expected application/json or application/cloudevents+json"),
            _ => new IngressResult.Rejected($"unsupported Content-Type '{mediaType}': expected application/json or application/cloudevents+json"),
        };

        // Pub/Sub wrote a message ID header, so this is a message even if its data is no LogEntry: the decode stage
        // acknowledges and logs it as poison, instead of a 400 that Pub/Sub would retry until it dead-letters.
        return result is IngressResult.Rejected && request.Headers.ContainsKey(UnwrappedPush.MessageIdHeader)
            ? UnwrappedPush.Read(request, logEntry: null)
            : result;
    }

    private static IngressResult ReadBinary(IngressRequest request)
    {
        CloudEvent cloudEvent;
        try
        {
            var version = CloudEventsSpecVersion.FromVersionId(HttpUtilities.DecodeHeaderValue(request.Headers["ce-specversion"]))
                ?? throw new ArgumentException($"unsupported ce-specversion '{request.Headers["ce-specversion"]}'");
            cloudEvent = new CloudEvent(version);
            foreach (var (name, value) in request.Headers)
            {
                if (name.StartsWith("ce-", StringComparison.Ordinal) && name != "ce-specversion")
                {
                    cloudEvent.SetAttributeFromString(name[3..], HttpUtilities.DecodeHeaderValue(value));
                }
            }

            cloudEvent.Validate();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return new IngressResult.Rejected($"binary-mode CloudEvent with invalid ce-* headers: {e.Message}");
        }

        if (cloudEvent.Type != MessagePublishedType)
        {
            return new IngressResult.OtherEvent(cloudEvent.Type!, cloudEvent.Id!);
        }

        var mediaType = MediaTypeOf(request.ContentType);
        return mediaType == "application/json"
            ? FromEnvelope(ParseEnvelope(request.Body), request.Body, cloudEvent.Id!, "binary CloudEvent")
            : new IngressResult.Rejected($"binary-mode Pub/Sub CloudEvent with Content-Type '{mediaType ?? "(none)"}': expected application/json");
    }

    private static IngressResult ReadStructured(IngressRequest request)
    {
        CloudEvent cloudEvent;
        try
        {
            cloudEvent = StructuredMode.Formatter.DecodeStructuredModeMessage(request.Body, new ContentType(request.ContentType!), extensionAttributes: null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or JsonException or FormatException)
        {
            return new IngressResult.Rejected($"structured CloudEvent that cannot be read: {e.Message}");
        }

        if (cloudEvent.Type != MessagePublishedType)
        {
            return new IngressResult.OtherEvent(cloudEvent.Type!, cloudEvent.Id!);
        }

        ReadOnlyMemory<byte>? data = cloudEvent.Data switch
        {
            JsonElement { ValueKind: JsonValueKind.Object } element => JsonMarshal.GetRawUtf8Value(element).ToArray(),
            byte[] bytes => bytes,
            string text => System.Text.Encoding.UTF8.GetBytes(text),
            _ => null,
        };
        return FromEnvelope(data is { } json ? ParseEnvelope(json) : null, data ?? default, cloudEvent.Id!, "structured CloudEvent");
    }

    /// <summary>A push without the wrapper may come with any Content-Type (or none): its body is then a LogEntry.</summary>
    private static IngressResult? TryReadUnwrapped(IngressRequest request)
    {
        try
        {
            var root = JsonSerializer.Deserialize(request.Body.Span, IngressJsonContext.Default.JsonElement);
            return root.ValueKind == JsonValueKind.Object && UnwrappedPush.LooksLikeLogEntry(root) ? UnwrappedPush.Read(request, root) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IngressResult ReadPlainJson(IngressRequest request)
    {
        JsonElement root;
        try
        {
            root = JsonSerializer.Deserialize(request.Body.Span, IngressJsonContext.Default.JsonElement);
        }
        catch (JsonException e)
        {
            return new IngressResult.Rejected($"body is not JSON: {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return new IngressResult.Rejected($"body is JSON {root.ValueKind}, not an object");
        }

        if (root.TryGetProperty("message", out _))
        {
            return FromEnvelope(ParseEnvelope(request.Body), request.Body, fallbackId: null, "Pub/Sub push");
        }

        if (root.TryGetProperty("context", out _) || root.TryGetProperty("eventType", out _))
        {
            return ReadLegacy(request.Body);
        }

        return UnwrappedPush.LooksLikeLogEntry(root)
            ? UnwrappedPush.Read(request, root)
            : new IngressResult.Rejected("JSON body is neither a Pub/Sub push request ({\"message\":…,\"subscription\":…}), a LogEntry pushed without the wrapper, nor a CloudEvent");
    }

    private static IngressResult ReadLegacy(ReadOnlyMemory<byte> body)
    {
        LegacyEvent? legacy;
        try
        {
            legacy = JsonSerializer.Deserialize(body.Span, IngressJsonContext.Default.LegacyEvent);
        }
        catch (JsonException e)
        {
            return new IngressResult.Rejected($"legacy event that cannot be read: {e.Message}");
        }

        var id = legacy?.Context?.EventId ?? legacy?.EventId;
        var type = legacy?.Context?.EventType ?? legacy?.EventType;
        if (legacy?.Data is null || string.IsNullOrEmpty(id) || string.IsNullOrEmpty(type))
        {
            return new IngressResult.Rejected("legacy event without eventId, eventType or data");
        }

        if (!LegacyPublishTypes.Contains(type))
        {
            return new IngressResult.OtherEvent(type, id);
        }

        var timestamp = legacy.Context?.Timestamp ?? legacy.Timestamp;
        var message = legacy.Data with { MessageId = legacy.Data.MessageId ?? id, PublishTime = legacy.Data.PublishTime ?? timestamp };
        return FromEnvelope(new PushEnvelope(message, null, null), body, id, "legacy GCF event");
    }

    /// <summary><paramref name="json"/> is the text the envelope was read from: the message data is a slice of it.</summary>
    private static IngressResult FromEnvelope(PushEnvelope? envelope, ReadOnlyMemory<byte> json, string? fallbackId, string shape)
    {
        if (envelope?.Message is not { } message)
        {
            return new IngressResult.Rejected($"{shape} without a Pub/Sub 'message' object");
        }

        var id = message.MessageId ?? message.SnakeMessageId ?? fallbackId;
        if (string.IsNullOrEmpty(id))
        {
            return new IngressResult.Rejected($"{shape} whose message has no messageId");
        }

        DateTimeOffset? published = Rfc3339.TryParse(message.PublishTime ?? message.SnakePublishTime, out var time) ? time : null;
        var pubSub = new PubSubMessage(
            id,
            message.Data is { } data ? data.In(json) : default,
            message.Attributes ?? new Dictionary<string, string>(),
            published,
            envelope.Subscription,
            envelope.DeliveryAttempt);
        return new IngressResult.Message(pubSub, shape);
    }

    private static PushEnvelope? ParseEnvelope(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, IngressJsonContext.Default.PushEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Created with the first structured CloudEvent: Eventarc sends binary mode, which needs no formatter.</summary>
    private static class StructuredMode
    {
        public static readonly JsonEventFormatter Formatter = new();
    }

    private static string? MediaTypeOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }
}
