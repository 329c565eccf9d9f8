using System.Text.Json.Serialization;

namespace GkeEventNotifier.Model.Slack;

/// <summary>The Block Kit blocks this product uses. Text in them must already be escaped (<see cref="SlackText"/>).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
public abstract record SlackBlock;

public sealed record HeaderBlock([property: JsonPropertyName("text")] TextObject Text) : SlackBlock;

public sealed record SectionBlock : SlackBlock
{
    [JsonPropertyName("text")]
    public TextObject? Text { get; init; }

    [JsonPropertyName("fields")]
    public IReadOnlyList<TextObject>? Fields { get; init; }
}

public sealed record ContextBlock([property: JsonPropertyName("elements")] IReadOnlyList<TextObject> Elements) : SlackBlock;

public sealed record ActionsBlock([property: JsonPropertyName("elements")] IReadOnlyList<ButtonElement> Elements) : SlackBlock;

public sealed record DividerBlock : SlackBlock;

/// <summary>A text object: <c>plain_text</c> or <c>mrkdwn</c> (always verbatim, so Slack never turns <c>@here</c> into a mention).</summary>
public sealed record TextObject
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("verbatim")]
    public bool? Verbatim { get; init; }

    [JsonPropertyName("emoji")]
    public bool? Emoji { get; init; }

    public static TextObject Plain(string text) => new() { Type = "plain_text", Text = text, Emoji = false };

    public static TextObject Markdown(string text) => new() { Type = "mrkdwn", Text = text, Verbatim = true };
}

public sealed record ButtonElement(
    [property: JsonPropertyName("text")] TextObject Text,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("action_id")] string ActionId)
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "button";
}
