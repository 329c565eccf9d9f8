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
/// A message's LogEntry, read as little as its fate needs, in pooled memory. <see cref="TryScan"/> reads the values of
/// a few paths in one reader pass without building a document: enough for a filter to drop most events. Everything
/// else (<see cref="Final"/>, <see cref="Root"/>) parses the entry in place, once; only an entry the filter keeps pays
/// for <see cref="Decode"/>, which copies what the later stages keep. An entry that can never be an event has its
/// decode result in <see cref="Final"/>. Disposing returns the memory: nothing read from it may outlive it.
/// </summary>
public sealed class ParsedLogEntry : IDisposable
{
    private const int MaxDepth = 128;
    private const int StackChars = 128;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    private readonly ReadOnlyMemory<byte> json;
    private ScratchBuffer? buffer;
    private JsonDocument? document;
    private DecodeResult? final;
    private bool parsed;
    private ScannedValue[]? scanned;
    private ClusterRef? cluster;

    private ParsedLogEntry(ReadOnlyMemory<byte> json, ScratchBuffer? buffer)
    {
        this.json = json;
        this.buffer = buffer;
    }

    private ParsedLogEntry(DecodeResult final)
    {
        this.final = final;
        parsed = true;
    }

    /// <summary>The whole decode result when the data is no Kubernetes event (Invalid, NotAnEvent, ExporterStarted); null for an event.</summary>
    public DecodeResult? Final
    {
        get
        {
            EnsureParsed();
            return final;
        }
    }

    /// <summary>The LogEntry, valid until disposed: what the filter and <see cref="Cluster"/>, <see cref="Timestamp"/> read.</summary>
    public JsonElement Root
    {
        get
        {
            EnsureParsed();
            return document?.RootElement ?? default;
        }
    }

    /// <summary>The cluster of the entry's resource labels, read without decoding the rest.</summary>
    public ClusterRef Cluster => cluster ??= scanned is null ? LogEntryDecoder.ReadCluster(Root) : ScannedCluster();

    /// <summary>The LogEntry's timestamp (or receiveTimestamp), as the decoded entry has it.</summary>
    public DateTimeOffset Timestamp => scanned is null
        ? LogEntryDecoder.ReadEntryTime(Root)
        : ScannedTime(EntryPaths.Timestamp) ?? ScannedTime(EntryPaths.ReceiveTimestamp) ?? DateTimeOffset.UnixEpoch;

    /// <summary>
    /// Base64 text (as UTF-8 bytes) → the LogEntry's bytes. The fast pass decodes the bytes as they are; text it refuses is
    /// decided by <see cref="Convert.TryFromBase64String"/>, which also takes line breaks, so non-base64 stays poison.
    /// The decoded entry is in a <see cref="ScratchBuffer"/> (pooled up to its limit) until disposal.
    /// </summary>
    public static ParsedLogEntry FromBase64(ReadOnlyMemory<byte> base64)
    {
        if (base64.IsEmpty)
        {
            return new ParsedLogEntry(new DecodeResult.Invalid("message has no data"));
        }

        var bytes = ScratchBuffer.Rent(Base64.GetMaxDecodedFromUtf8Length(base64.Length) + 3);
        if (Base64.DecodeFromUtf8(base64.Span, bytes.Span, out _, out var written) == OperationStatus.Done
            || Convert.TryFromBase64String(Encoding.UTF8.GetString(base64.Span), bytes.Span, out written))
        {
            return new ParsedLogEntry(bytes.Memory[..written], bytes);
        }

        bytes.Dispose();
        return new ParsedLogEntry(new DecodeResult.Invalid("message data is not valid base64"));
    }

    /// <summary>LogEntry JSON → entry; <paramref name="json"/> must not change until it is disposed.</summary>
    public static ParsedLogEntry Parse(ReadOnlyMemory<byte> json) => new(json, buffer: null);

    /// <summary>The full decode of an event (<see cref="Final"/> is null): its own copy of the entry, valid after disposal.</summary>
    public DecodeResult.EventEntry Decode() =>
        Final is null
            ? (DecodeResult.EventEntry)LogEntryDecoder.Decode(Root.Clone())
            : throw new InvalidOperationException("the entry is no Kubernetes event: its decode result is Final");

    /// <summary>
    /// Reads the values at <paramref name="paths"/> in one reader pass, without a document: true only for a Kubernetes
    /// event whose text is valid (<see cref="Final"/> would be null), after which <see cref="Scanned"/> holds them and
    /// <see cref="Cluster"/> and <see cref="Timestamp"/> come from them. False when it cannot tell, for the parse to decide.
    /// </summary>
    internal bool TryScan(EntryPaths paths)
    {
        if (scanned is not null)
        {
            ArrayPool<ScannedValue>.Shared.Return(scanned);
            scanned = null;
        }

        if (parsed || !AllTextValid(json.Span))
        {
            return false;
        }

        var values = ArrayPool<ScannedValue>.Shared.Rent(paths.Count);
        if (EntryScanner.TryScan(json.Span, paths, values.AsSpan(0, paths.Count), MaxDepth)
            && values[EntryPaths.JsonPayload].Kind == ScannedKind.Object
            && values[EntryPaths.Reason] is { Kind: ScannedKind.String, Length: > 0 }
            && values[EntryPaths.InvolvedObject].Kind == ScannedKind.Object)
        {
            scanned = values;
            return true;
        }

        ArrayPool<ScannedValue>.Shared.Return(values);
        return false;
    }

    /// <summary>The value <see cref="TryScan"/> found at a path of its <see cref="EntryPaths"/>.</summary>
    internal ScannedValue Scanned(int path) => scanned![path];

    /// <summary>The raw UTF-8 of a scanned string (without quotes, escapes as written) or number.</summary>
    internal ReadOnlySpan<byte> RawOf(ScannedValue value) => json.Span.Slice(value.Start, value.Length);

    /// <summary>
    /// The text of a scanned string into <paramref name="destination"/> (at least <see cref="ScannedValue.Length"/>
    /// chars: UTF-16 never needs more than the UTF-8 or escaped form): the same text the document's string has.
    /// </summary>
    internal int CopyText(ScannedValue value, Span<char> destination)
    {
        if (!value.Escaped)
        {
            return Encoding.UTF8.GetChars(RawOf(value), destination);
        }

        var quoted = new Utf8JsonReader(json.Span.Slice(value.Start - 1, value.Length + 2));
        quoted.Read();
        return quoted.CopyString(destination);
    }

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
        document = null;
        buffer?.Dispose();
        buffer = null;
        if (scanned is not null)
        {
            ArrayPool<ScannedValue>.Shared.Return(scanned);
            scanned = null;
        }
    }

    private void EnsureParsed()
    {
        if (parsed)
        {
            return;
        }

        parsed = true;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            final = new DecodeResult.Invalid($"data is not JSON ({e.Message})");
            ReleaseBytes();
            return;
        }

        var root = document.RootElement;
        final = !AllTextValid(json.Span) && InvalidText(root, "$") is { } path
            ? new DecodeResult.Invalid($"data holds text that is not valid Unicode (a lone surrogate escape or invalid UTF-8) at {LogEntryDecoder.Truncate(path, 200)}")
            : LogEntryDecoder.IsEvent(root) ? null : LogEntryDecoder.Decode(root.Clone());
        if (final is not null)
        {
            document.Dispose();
            document = null;
            ReleaseBytes();
        }
    }

    private void ReleaseBytes()
    {
        buffer?.Dispose();
        buffer = null;
    }

    /// <summary>The cluster as <see cref="LogEntryDecoder.ReadCluster(JsonElement)"/> reads it: a label that is no string counts as empty.</summary>
    private ClusterRef ScannedCluster()
    {
        Span<char> project = stackalloc char[StackChars], location = stackalloc char[StackChars], name = stackalloc char[StackChars];
        return TryText(EntryPaths.ProjectId, ref project) && TryText(EntryPaths.Location, ref location) && TryText(EntryPaths.ClusterName, ref name)
            ? LogEntryDecoder.ClusterOf(project, location, name)
            : LogEntryDecoder.ClusterOf(StringOf(EntryPaths.ProjectId), StringOf(EntryPaths.Location), StringOf(EntryPaths.ClusterName));
    }

    /// <summary>A time as <see cref="LogEntryDecoder.ReadEntryTime"/> reads one: a string in RFC 3339, else none.</summary>
    private DateTimeOffset? ScannedTime(int path)
    {
        Span<char> text = stackalloc char[StackChars];
        if (Scanned(path).Kind != ScannedKind.String)
        {
            return null;
        }

        var parsedTime = TryText(path, ref text) ? Rfc3339.TryParse(text, out var time) : Rfc3339.TryParse(StringOf(path), out time);
        return parsedTime ? time : null;
    }

    /// <summary>The text of a string path into <paramref name="text"/> (cut to its length; empty for any other value), or false when it is too long for it.</summary>
    private bool TryText(int path, ref Span<char> text)
    {
        var value = Scanned(path);
        if (value.Kind != ScannedKind.String)
        {
            text = [];
            return true;
        }

        if (value.Length > text.Length)
        {
            return false;
        }

        text = text[..CopyText(value, text)];
        return true;
    }

    private string StringOf(int path)
    {
        var value = Scanned(path);
        if (value.Kind != ScannedKind.String)
        {
            return "";
        }

        var chars = new char[value.Length];
        return new string(chars, 0, CopyText(value, chars));
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
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
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
