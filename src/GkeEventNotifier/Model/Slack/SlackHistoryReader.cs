using System.Text.Json;
using System.Text.Json.Serialization;

namespace GkeEventNotifier.Model.Slack;

/// <summary>
/// Reads the <c>messages</c> of a history answer without trusting their shape. The channel is shared with other apps,
/// whose metadata payloads hold numbers, objects or nothing at all, and with people: a message this app cannot read is
/// skipped, never a reason to fail the history read (and with it every alert that opens a group). Only this app's
/// event types are kept, and of their payload only string values, the only kind it writes.
/// </summary>
internal sealed class SlackHistoryReader : JsonConverter<IReadOnlyList<SlackHistoryMessage>>
{
    public override IReadOnlyList<SlackHistoryMessage> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var messages = new List<SlackHistoryMessage>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return messages;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (ReadMessage(ref reader) is { } message)
            {
                messages.Add(message);
            }
        }

        return messages;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<SlackHistoryMessage> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("history messages are only read");

    private static SlackHistoryMessage? ReadMessage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? ts = null;
        SlackMetadata? metadata = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "ts" when reader.TokenType == JsonTokenType.String:
                    ts = reader.GetString();
                    break;
                case "metadata":
                    metadata = ReadMetadata(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return ts is { Length: > 0 } ? new SlackHistoryMessage(ts, metadata) : null;
    }

    private static SlackMetadata? ReadMetadata(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? eventType = null;
        Dictionary<string, string>? payload = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "event_type" when reader.TokenType == JsonTokenType.String:
                    eventType = reader.GetString();
                    break;
                case "event_payload" when reader.TokenType == JsonTokenType.StartObject:
                    payload = ReadStrings(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return eventType is not null && SlackMetadata.IsOwn(eventType)
            ? new SlackMetadata(eventType, payload ?? new Dictionary<string, string>())
            : null;
    }

    private static Dictionary<string, string> ReadStrings(ref Utf8JsonReader reader)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                values[name] = reader.GetString()!;
            }
            else
            {
                reader.Skip();
            }
        }

        return values;
    }
}
