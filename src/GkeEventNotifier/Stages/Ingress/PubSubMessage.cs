namespace GkeEventNotifier.Stages.Ingress;

/// <summary>
/// A Pub/Sub message however it arrived (binary or structured CloudEvent, raw push, legacy GCF event).
/// <see cref="Data"/> stays base64 here, as the UTF-8 bytes of the request that carried it (empty when the message has
/// none): decoding it is the decode stage's job, where bad data is poison, not a bad request.
/// </summary>
public sealed record PubSubMessage(
    string MessageId,
    ReadOnlyMemory<byte> Data,
    IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset? PublishTime = null,
    string? Subscription = null,
    int? DeliveryAttempt = null)
{
    /// <summary>A message whose data is <paramref name="json"/> (a LogEntry, or any text), base64-encoded as Pub/Sub carries it.</summary>
    public static PubSubMessage Of(string messageId, ReadOnlySpan<byte> json, IReadOnlyDictionary<string, string> attributes) =>
        new(messageId, Base64Text(json), attributes);

    /// <summary>The base64 text of <paramref name="data"/> as UTF-8 bytes.</summary>
    public static byte[] Base64Text(ReadOnlySpan<byte> data)
    {
        var text = new byte[System.Buffers.Text.Base64.GetMaxEncodedToUtf8Length(data.Length)];
        System.Buffers.Text.Base64.EncodeToUtf8(data, text, out _, out _);
        return text;
    }
}
