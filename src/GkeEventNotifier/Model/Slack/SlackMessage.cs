using System.Text.Json.Serialization;

namespace GkeEventNotifier.Model.Slack;

/// <summary>
/// A Slack message as sent to <c>chat.postMessage</c> or an incoming webhook. <see cref="Text"/> is the notification
/// fallback; the body is Block Kit inside one attachment so that the colour bar shows severity.
/// </summary>
public sealed record SlackMessage
{
    [JsonPropertyName("channel")]
    public string? Channel { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("attachments")]
    public IReadOnlyList<SlackAttachment>? Attachments { get; init; }

    /// <summary>Only for <c>chat.update</c>: the message being replaced.</summary>
    [JsonPropertyName("ts")]
    public string? Ts { get; init; }

    [JsonPropertyName("thread_ts")]
    public string? ThreadTs { get; init; }

    [JsonPropertyName("unfurl_links")]
    public bool UnfurlLinks { get; init; }

    [JsonPropertyName("unfurl_media")]
    public bool UnfurlMedia { get; init; }

    /// <summary>Invisible to people; where threads keep their state so that a cold start can read it back.</summary>
    [JsonPropertyName("metadata")]
    public SlackMetadata? Metadata { get; init; }

    /// <summary>
    /// Sent without any metadata, not even the post mark the Slack client adds to find a timed-out post again: set on
    /// the plain text that follows a refusal of metadata itself (Slack would refuse the mark the same way).
    /// </summary>
    [JsonIgnore]
    public bool Unmarked { get; init; }

    /// <summary>The post mark to send (see <see cref="MarkingSlackClient"/>); null: the Slack client makes a random one.</summary>
    [JsonIgnore]
    public string? Mark { get; init; }

    /// <summary>
    /// Another attempt of this very post may be in Slack since then (its claim was taken over): the Slack client searches
    /// for <see cref="Mark"/> before it posts.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? EarlierAttemptSince { get; init; }

    /// <summary>
    /// What is sent when Slack refuses the message: its notification text alone, within Slack's recommended length,
    /// in the same place, without blocks and without metadata (either may be what Slack refused).
    /// </summary>
    public SlackMessage AsPlainText(bool metadataRefused = false) => new()
    {
        Channel = Channel,
        ThreadTs = ThreadTs,
        Ts = Ts,
        Text = SlackText.Limit(Text, SlackText.MaxFallbackLength),
        Unmarked = metadataRefused,
    };

    /// <summary>Whether <see cref="AsPlainText"/> would send anything less: when not, a refusal is final.</summary>
    [JsonIgnore]
    public bool IsPlainText => Attachments is null && Metadata is null && Text.Length <= SlackText.MaxFallbackLength;
}

/// <summary>A legacy attachment, used only for its colour bar around the blocks.</summary>
public sealed record SlackAttachment(
    [property: JsonPropertyName("color")] string Color,
    [property: JsonPropertyName("fallback")] string Fallback,
    [property: JsonPropertyName("blocks")] IReadOnlyList<SlackBlock> Blocks);
