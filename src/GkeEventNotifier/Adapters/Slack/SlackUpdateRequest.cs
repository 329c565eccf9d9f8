using System.Text.Json.Serialization;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Adapters.Slack;

/// <summary>
/// The body of <c>chat.update</c>. Attachments and metadata are always sent: Slack keeps what is omitted, and the
/// grouped message must show (and carry) the newest state.
/// </summary>
internal sealed record SlackUpdateRequest(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("ts")] string Ts,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("attachments")] IReadOnlyList<SlackAttachment>? Attachments,
    [property: JsonPropertyName("metadata")] SlackMetadata? Metadata)
{
    public static SlackUpdateRequest For(string channel, string ts, SlackMessage message) =>
        new(channel, ts, message.Text, message.Attachments ?? [], message.Metadata);
}
