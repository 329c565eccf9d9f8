using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Adapters.Slack;

/// <summary>
/// A <see cref="SlackMessage"/> as the JSON Slack receives, written in one pass with <see cref="Utf8JsonWriter"/>: the
/// same bytes as <see cref="SlackJsonContext"/> gives (property order, nulls omitted, the writer's escaping), without
/// the serializer's per-object metadata look-ups and polymorphism resolution, which cost an alert more than the writing.
/// The Slack clients and the console send these bytes; <c>SlackMessageJsonTests</c> compares them with the
/// source-generated serializer's for every message the product renders.
/// </summary>
internal static class SlackMessageJson
{
    private static readonly MediaTypeHeaderValue JsonUtf8 = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText Attachments = JsonEncodedText.Encode("attachments");
    private static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText ThreadTs = JsonEncodedText.Encode("thread_ts");
    private static readonly JsonEncodedText UnfurlLinks = JsonEncodedText.Encode("unfurl_links");
    private static readonly JsonEncodedText UnfurlMedia = JsonEncodedText.Encode("unfurl_media");
    private static readonly JsonEncodedText Metadata = JsonEncodedText.Encode("metadata");
    private static readonly JsonEncodedText EventType = JsonEncodedText.Encode("event_type");
    private static readonly JsonEncodedText EventPayload = JsonEncodedText.Encode("event_payload");
    private static readonly JsonEncodedText Color = JsonEncodedText.Encode("color");
    private static readonly JsonEncodedText Fallback = JsonEncodedText.Encode("fallback");
    private static readonly JsonEncodedText Blocks = JsonEncodedText.Encode("blocks");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Fields = JsonEncodedText.Encode("fields");
    private static readonly JsonEncodedText Elements = JsonEncodedText.Encode("elements");
    private static readonly JsonEncodedText Verbatim = JsonEncodedText.Encode("verbatim");
    private static readonly JsonEncodedText Emoji = JsonEncodedText.Encode("emoji");
    private static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText ActionId = JsonEncodedText.Encode("action_id");
    private static readonly JsonEncodedText Header = JsonEncodedText.Encode("header");
    private static readonly JsonEncodedText Section = JsonEncodedText.Encode("section");
    private static readonly JsonEncodedText Context = JsonEncodedText.Encode("context");
    private static readonly JsonEncodedText Actions = JsonEncodedText.Encode("actions");
    private static readonly JsonEncodedText Divider = JsonEncodedText.Encode("divider");

    /// <summary>A buffer kept per thread for messages up to this size; a larger one (many findings) gets its own.</summary>
    private const int KeptBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    /// <summary>The message's JSON as a request body: <c>application/json; charset=utf-8</c>, with its length.</summary>
    public static HttpContent Content(SlackMessage message)
    {
        var content = new ByteArrayContent(ToUtf8Bytes(message));
        content.Headers.ContentType = JsonUtf8;
        return content;
    }

    public static byte[] ToUtf8Bytes(SlackMessage message)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>(8192);
        output.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(output))
        {
            Write(writer, message);
        }

        var bytes = output.WrittenSpan.ToArray();
        if (output.Capacity > KeptBufferBytes)
        {
            buffer = null;
        }

        return bytes;
    }

    /// <summary>Writes the message as one JSON value; the writer's options (its encoder) decide the escaping, as for the serializer.</summary>
    public static void Write(Utf8JsonWriter writer, SlackMessage message)
    {
        writer.WriteStartObject();
        WriteIfNotNull(writer, Channel, message.Channel);
        WriteIfNotNull(writer, Text, message.Text);
        WriteArray(writer, Attachments, message.Attachments, WriteAttachment);
        WriteIfNotNull(writer, Ts, message.Ts);
        WriteIfNotNull(writer, ThreadTs, message.ThreadTs);
        writer.WriteBoolean(UnfurlLinks, message.UnfurlLinks);
        writer.WriteBoolean(UnfurlMedia, message.UnfurlMedia);
        if (message.Metadata is { } metadata)
        {
            writer.WritePropertyName(Metadata);
            WriteMetadata(writer, metadata);
        }

        writer.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter writer, SlackMetadata metadata)
    {
        writer.WriteStartObject();
        WriteIfNotNull(writer, EventType, metadata.EventType);
        if (metadata.EventPayload is { } payload)
        {
            writer.WriteStartObject(EventPayload);
            foreach (var (key, value) in payload)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteAttachment(Utf8JsonWriter writer, SlackAttachment attachment)
    {
        writer.WriteStartObject();
        WriteIfNotNull(writer, Color, attachment.Color);
        WriteIfNotNull(writer, Fallback, attachment.Fallback);
        WriteArray(writer, Blocks, attachment.Blocks, WriteBlock);
        writer.WriteEndObject();
    }

    /// <summary>A block's kind first, as the serializer writes a polymorphic type's discriminator.</summary>
    private static void WriteBlock(Utf8JsonWriter writer, SlackBlock block)
    {
        writer.WriteStartObject();
        switch (block)
        {
            case HeaderBlock header:
                writer.WriteString(Type, Header);
                WriteTextIfNotNull(writer, Text, header.Text);
                break;
            case SectionBlock section:
                writer.WriteString(Type, Section);
                WriteTextIfNotNull(writer, Text, section.Text);
                WriteArray(writer, Fields, section.Fields, WriteText);
                break;
            case ContextBlock context:
                writer.WriteString(Type, Context);
                WriteArray(writer, Elements, context.Elements, WriteText);
                break;
            case ActionsBlock actions:
                writer.WriteString(Type, Actions);
                WriteArray(writer, Elements, actions.Elements, WriteButton);
                break;
            case DividerBlock:
                writer.WriteString(Type, Divider);
                break;
            default:
                throw new NotSupportedException($"no Block Kit JSON for {block.GetType().Name}");
        }

        writer.WriteEndObject();
    }

    private static void WriteButton(Utf8JsonWriter writer, ButtonElement button)
    {
        writer.WriteStartObject();
        WriteTextIfNotNull(writer, Text, button.Text);
        WriteIfNotNull(writer, Url, button.Url);
        WriteIfNotNull(writer, ActionId, button.ActionId);
        WriteIfNotNull(writer, Type, button.Type);
        writer.WriteEndObject();
    }

    private static void WriteTextIfNotNull(Utf8JsonWriter writer, JsonEncodedText name, TextObject? text)
    {
        if (text is not null)
        {
            writer.WritePropertyName(name);
            WriteText(writer, text);
        }
    }

    private static void WriteText(Utf8JsonWriter writer, TextObject text)
    {
        writer.WriteStartObject();
        WriteIfNotNull(writer, Type, text.Type);
        WriteIfNotNull(writer, Text, text.Text);
        if (text.Verbatim is { } verbatim)
        {
            writer.WriteBoolean(Verbatim, verbatim);
        }

        if (text.Emoji is { } emoji)
        {
            writer.WriteBoolean(Emoji, emoji);
        }

        writer.WriteEndObject();
    }

    /// <summary>A list property: omitted when null; a null item is written as <c>null</c>, as the serializer does.</summary>
    private static void WriteArray<T>(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<T?>? items, Action<Utf8JsonWriter, T> write)
        where T : class
    {
        if (items is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item)
            {
                write(writer, item);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteIfNotNull(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
