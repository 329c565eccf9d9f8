using System.Text.Json.Serialization;

namespace GkeEventNotifier.Model.Slack;

/// <summary>One message of <c>conversations.history</c>, reduced to what threads read back.</summary>
public sealed record SlackHistoryMessage(
    [property: JsonPropertyName("ts")] string Ts,
    [property: JsonPropertyName("metadata")] SlackMetadata? Metadata);
