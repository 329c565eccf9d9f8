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
}
