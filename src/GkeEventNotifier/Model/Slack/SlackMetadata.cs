using System.Text.Json.Serialization;

namespace GkeEventNotifier.Model.Slack;

/// <summary>
/// Slack message metadata: an app-defined event type and a flat payload. Values are strings on purpose: they are
/// written and read back by this app only, and strings round-trip exactly (a <c>ts</c> must never become a double).
/// </summary>
public sealed record SlackMetadata(
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("event_payload")] IReadOnlyDictionary<string, string> EventPayload)
{
    /// <summary>Every event type this app writes starts so; history keeps no other app's metadata.</summary>
    public const string OwnEventTypePrefix = "gke_event_";

    public static bool IsOwn(string eventType) => eventType.StartsWith(OwnEventTypePrefix, StringComparison.Ordinal);

    /// <summary>The payload key of the mark that tells one post from every other (see the Slack adapter's RetryingSlackClient).</summary>
    public const string PostMarkKey = "post";

    /// <summary>The event type of a message that carries nothing but its post mark (a thread reply, a summary, plain text).</summary>
    public const string PostEventType = OwnEventTypePrefix + "post";

    /// <summary>Metadata for a message that has none of its own, so that it too can be found again by its mark.</summary>
    public static SlackMetadata MarkOnly(string mark) => new(PostEventType, new Dictionary<string, string> { [PostMarkKey] = mark });

    /// <summary>This metadata with the post mark added.</summary>
    public SlackMetadata Marked(string mark) => this with { EventPayload = new Dictionary<string, string>(EventPayload) { [PostMarkKey] = mark } };

    public bool HasMark(string mark) => EventPayload.TryGetValue(PostMarkKey, out var value) && value == mark;
}
