using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace GkeEventNotifier.Stages.Ingress;

/// <summary>
/// Where a message's <c>data</c> (base64 text) is in the JSON it was read from, so that ingress hands the request's own
/// UTF-8 bytes to the decode stage instead of a .NET string of them: the position of the unescaped text, or, for text
/// written with JSON escapes (<c>\/</c>, <c>\u002B</c>), its unescaped bytes. Read as the string it replaces was: a
/// token that is not a string, or text that is not UTF-8, makes the envelope unreadable.
/// A class, not a struct: the serializer's code for a property of a reference type is precompiled (ReadyToRun) and
/// shared, where a nullable struct made a cold start JIT-compile some 90 generic methods for its first message.
/// </summary>
[JsonConverter(typeof(MessageDataTextConverter))]
internal sealed record MessageDataText(long Start, int Length, byte[]? Unescaped)
{
    /// <summary>The bytes in <paramref name="json"/>, the text the envelope was read from, as its own memory when it is.</summary>
    public ReadOnlyMemory<byte> In(ReadOnlyMemory<byte> json) => Unescaped ?? json.Slice((int)Start, Length);

    /// <summary>The bytes in JSON text of which only a span is at hand (a parsed element's raw text): copied.</summary>
    public ReadOnlyMemory<byte> CopiedFrom(ReadOnlySpan<byte> json) => Unescaped ?? json.Slice((int)Start, Length).ToArray();
}

internal sealed class MessageDataTextConverter : JsonConverter<MessageDataText>
{
    public override MessageDataText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"message data is JSON {reader.TokenType}, not a string");
        }

        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            // GetString decides what the string property decided: an escape that is no text throws.
            return new MessageDataText(0, 0, Encoding.UTF8.GetBytes(reader.GetString()!));
        }

        return Utf8.IsValid(reader.ValueSpan)
            ? new MessageDataText(reader.TokenStartIndex + 1, reader.ValueSpan.Length, null)
            : throw new JsonException("message data is not UTF-8 text");
    }

    public override void Write(Utf8JsonWriter writer, MessageDataText value, JsonSerializerOptions options) =>
        throw new NotSupportedException("message data is only read");
}
