using System.Text.Json.Serialization;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Adapters.Slack;

/// <summary>Source-generated JSON for everything sent to and read from Slack. Nulls are omitted, as Slack's docs advise.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(SlackApiResponse))]
[JsonSerializable(typeof(SlackUpdateRequest))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;

/// <summary>The envelope every Web API answer shares.</summary>
internal sealed record SlackApiResponse(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("channel")] string? Channel,
    [property: JsonPropertyName("ts")] string? Ts,
    [property: JsonPropertyName("messages"), JsonConverter(typeof(SlackHistoryReader))] IReadOnlyList<SlackHistoryMessage>? Messages = null);
