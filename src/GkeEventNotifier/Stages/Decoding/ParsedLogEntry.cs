using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Decoding;

/// <summary>
/// A message's LogEntry parsed in place, in pooled memory, before it is decoded: the filter reads <see cref="Root"/>,
/// and only an entry it keeps pays for <see cref="Decode"/>, which copies what the later stages keep. An entry that can
/// never be an event has its decode result in <see cref="Final"/> at once. Disposing returns the memory: nothing read
/// from <see cref="Root"/> may outlive it.
/// </summary>
public sealed class ParsedLogEntry : IDisposable
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    private readonly JsonDocument? document;
    private ScratchBuffer? buffer;
    private ClusterRef? cluster;

    private ParsedLogEntry(DecodeResult? final, JsonDocument? document, ScratchBuffer? buffer)
    {
        Final = final;
        this.document = document;
        this.buffer = buffer;
    }

    /// <summary>The whole decode result when the data is no Kubernetes event (Invalid, NotAnEvent, ExporterStarted); null for an event.</summary>
    public DecodeResult? Final { get; }

    /// <summary>The LogEntry, valid until disposed: what the filter and <see cref="Cluster"/>, <see cref="Timestamp"/> read.</summary>
    public JsonElement Root => document?.RootElement ?? default;

    /// <summary>The cluster of the entry's resource labels, read without decoding the rest.</summary>
    public ClusterRef Cluster => cluster ??= LogEntryDecoder.ReadCluster(Root);

    /// <summary>The LogEntry's timestamp (or receiveTimestamp), as the decoded entry has it.</summary>
    public DateTimeOffset Timestamp => LogEntryDecoder.ReadEntryTime(Root);

    /// <summary>
    /// Base64 text (as UTF-8 bytes) → parsed LogEntry. The fast pass decodes the bytes as they are; text it refuses is
    /// decided by <see cref="Convert.TryFromBase64String"/>, which also takes line breaks, so non-base64 stays poison.
    /// The decoded entry is in a <see cref="ScratchBuffer"/> (pooled up to its limit) until disposal.
    /// </summary>
    public static ParsedLogEntry FromBase64(ReadOnlyMemory<byte> base64)
    {
        if (base64.IsEmpty)
        {
            return new ParsedLogEntry(new DecodeResult.Invalid("message has no data"), null, null);
        }

        var bytes = ScratchBuffer.Rent(Base64.GetMaxDecodedFromUtf8Length(base64.Length) + 3);
        if (Base64.DecodeFromUtf8(base64.Span, bytes.Span, out _, out var written) == OperationStatus.Done
            || Convert.TryFromBase64String(Encoding.UTF8.GetString(base64.Span), bytes.Span, out written))
        {
            return Parse(bytes.Memory[..written], bytes);
        }

        bytes.Dispose();
        return new ParsedLogEntry(new DecodeResult.Invalid("message data is not valid base64"), null, null);
    }

    /// <summary>LogEntry JSON → parsed entry; <paramref name="json"/> must not change until it is disposed.</summary>
    public static ParsedLogEntry Parse(ReadOnlyMemory<byte> json) => Parse(json, buffer: null);

    /// <summary>The full decode of an event (<see cref="Final"/> is null): its own copy of the entry, valid after disposal.</summary>
    public DecodeResult.EventEntry Decode() =>
        Final is null
            ? (DecodeResult.EventEntry)LogEntryDecoder.Decode(Root.Clone())
            : throw new InvalidOperationException("the entry is no Kubernetes event: its decode result is Final");

    /// <summary>"Reason on Kind namespace/name in cluster", for logs, as one string: nothing else of the entry is decoded.</summary>
    public string Describe()
    {
        var payload = Root.GetObjectOrDefault("jsonPayload");
        var involved = payload.GetObjectOrDefault("involvedObject");
        var text = new DefaultInterpolatedStringHandler(6, 1, CultureInfo.InvariantCulture, stackalloc char[256]);
        JsonText.Append(ref text, Member(payload, "reason"));
        text.AppendLiteral(" on ");
        JsonText.Append(ref text, Member(involved, "kind"));
        text.AppendLiteral(" ");
        if (Member(involved, "namespace") is { ValueKind: JsonValueKind.String } ns && !ns.ValueEquals(""u8))
        {
            JsonText.Append(ref text, ns);
            text.AppendLiteral("/");
        }

        JsonText.Append(ref text, Member(involved, "name"));
        text.AppendLiteral(" in ");
        text.AppendFormatted(Cluster);
        return text.ToStringAndClear();
    }

    public void Dispose()
    {
        document?.Dispose();
        buffer?.Dispose();
        buffer = null;
    }

    private static ParsedLogEntry Parse(ReadOnlyMemory<byte> json, ScratchBuffer? buffer)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            buffer?.Dispose();
            return new ParsedLogEntry(new DecodeResult.Invalid($"data is not JSON ({e.Message})"), null, null);
        }

        var root = document.RootElement;
        DecodeResult? final = !AllTextValid(json.Span) && InvalidText(root, "$") is { } path
            ? new DecodeResult.Invalid($"data holds text that is not valid Unicode (a lone surrogate escape or invalid UTF-8) at {LogEntryDecoder.Truncate(path, 200)}")
            : LogEntryDecoder.IsEvent(root) ? null : LogEntryDecoder.Decode(root.Clone());
        if (final is null)
        {
            return new ParsedLogEntry(null, document, buffer);
        }

        document.Dispose();
        buffer?.Dispose();
        return new ParsedLogEntry(final, null, null);
    }

    private static JsonElement Member(JsonElement element, string name) => element.TryGetMember(name, out var value) ? value : default;

    /// <summary>
    /// The check below without its cost on every entry. Text that is all UTF-8 and holds no <c>\uD800</c>-<c>\uDFFF</c>
    /// escape has no string that cannot become .NET text (a string between ASCII quotes of valid UTF-8 is valid UTF-8, and
    /// a lone surrogate can only come from such an escape): two vectorised scans decide. Otherwise one reader pass
    /// validates each string and property name in place and converts only the escaped ones; only an entry that fails
    /// there is walked again to name the place.
    /// </summary>
    private static bool AllTextValid(ReadOnlySpan<byte> json) =>
        (Utf8.IsValid(json) && !HasSurrogateEscape(json)) || AllTokensValid(json);

    /// <summary>Whether a <c>\u</c> followed by <c>D8</c>-<c>DF</c> (any case) appears; an escaped backslash before a <c>u</c> counts too, which only costs the slower check.</summary>
    private static bool HasSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var rest = json;
        for (var at = rest.IndexOf("\\u"u8); at >= 0; at = rest.IndexOf("\\u"u8))
        {
            rest = rest[(at + 2)..];
            if (rest.Length >= 2 && rest[0] is (byte)'d' or (byte)'D' && rest[1] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllTokensValid(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                    && (reader.ValueIsEscaped ? reader.GetString() is null : !Utf8.IsValid(reader.ValueSpan)))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException)
        {
            return false; // the walk below decides, and names the place
        }
    }

    /// <summary>
    /// Where the first string or property name that cannot become .NET text is (a lone surrogate escape such as
    /// <c>\ud800</c>, or bytes that are not UTF-8), or null. Checked once over the whole entry, because every later
    /// stage (filter, routing, render) may read any field, and such text can never improve.
    /// </summary>
    private static string? InvalidText(JsonElement element, string path)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return null;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (InvalidText(item, $"{path}[{index++}]") is { } inItem)
                        {
                            return inItem;
                        }
                    }

                    return null;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (InvalidText(property.Value, $"{path}.{property.Name}") is { } inValue)
                        {
                            return inValue;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return path;
        }
    }
}
