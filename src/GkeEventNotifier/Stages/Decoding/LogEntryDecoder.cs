using System.Text.Json;
using System.Text.Unicode;
using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Decoding;

/// <summary>
/// LogEntry JSON → <see cref="DecodeResult"/>. Tolerant by design: unknown fields are ignored, any field GKE's
/// exporter is known to strip may be missing, and timestamps may carry 0 to 9 fractional digits.
/// Only data that can never be an event (not JSON, not an object, a jsonPayload that is not an Event) is Invalid.
/// </summary>
public static class LogEntryDecoder
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    public static DecodeResult Decode(ReadOnlyMemory<byte> logEntryJson)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(logEntryJson, DocumentOptions);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return new DecodeResult.Invalid($"data is not JSON ({e.Message})");
        }

        return !AllTextValid(logEntryJson.Span) && InvalidText(root, "$") is { } path
            ? new DecodeResult.Invalid($"data holds text that is not valid Unicode (a lone surrogate escape or invalid UTF-8) at {Truncate(path, 200)}")
            : Decode(root);
    }

    /// <summary>
    /// The check below without its cost on every entry: one reader pass that validates the UTF-8 of each string and
    /// property name in place and converts only the escaped ones (a lone surrogate can only come from an escape). Only
    /// an entry that fails here is walked again to name the place.
    /// </summary>
    private static bool AllTextValid(ReadOnlySpan<byte> json)
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

    public static DecodeResult Decode(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new DecodeResult.Invalid($"data is JSON but not a LogEntry object (found {root.ValueKind})");
        }

        var insertId = root.GetStringOrEmpty("insertId");
        if (!root.TryGetProperty("jsonPayload", out var payload))
        {
            return DescribeEntryWithoutEvent(root, insertId);
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return new DecodeResult.Invalid($"jsonPayload is {payload.ValueKind}, not a Kubernetes Event object (insertId '{insertId}')");
        }

        var reason = payload.GetStringOrEmpty("reason");
        if (reason.Length == 0 || !payload.TryGetProperty("involvedObject", out var involved) || involved.ValueKind != JsonValueKind.Object)
        {
            return new DecodeResult.Invalid($"jsonPayload is not a Kubernetes Event: it has no reason or no involvedObject (insertId '{insertId}')");
        }

        var resource = root.GetObjectOrDefault("resource");
        var labels = ReadLabels(resource);
        var timestamp = ReadTimestamp(root, payload);
        var entry = new EventLogEntry(
            insertId,
            root.GetStringOrEmpty("logName"),
            resource.GetStringOrEmpty("type"),
            labels,
            timestamp.EntryTime,
            root.GetStringOrEmpty("severity"),
            ReadCluster(labels),
            ReadEvent(payload, involved, reason, timestamp.EventTime),
            root);
        return new DecodeResult.EventEntry(entry);
    }

    private static DecodeResult DescribeEntryWithoutEvent(JsonElement root, string insertId)
    {
        if (root.TryGetProperty("textPayload", out var text) && text.ValueKind == JsonValueKind.String)
        {
            return new DecodeResult.NotAnEvent(insertId, $"text entry: {Truncate(text.GetString() ?? "", 200)}");
        }

        if (root.TryGetProperty("protoPayload", out _))
        {
            return new DecodeResult.NotAnEvent(insertId, "protoPayload entry (an audit log, not a Kubernetes event)");
        }

        return root.TryGetProperty("logName", out _) || root.TryGetProperty("resource", out _)
            ? new DecodeResult.NotAnEvent(insertId, "LogEntry without a payload")
            : new DecodeResult.Invalid("data is a JSON object but not a LogEntry (no logName, resource or payload)");
    }

    private static KubernetesEvent ReadEvent(JsonElement payload, JsonElement involved, string reason, DateTimeOffset lastSeen)
    {
        var metadata = payload.GetObjectOrDefault("metadata");
        var source = payload.GetObjectOrDefault("source");
        var involvedObject = new ObjectRef(
            involved.GetStringOrEmpty("kind"),
            involved.GetStringOrEmpty("name"),
            involved.GetStringOrNull("namespace"),
            involved.GetStringOrNull("uid"),
            involved.GetStringOrNull("apiVersion"),
            involved.GetStringOrNull("fieldPath"));
        return new KubernetesEvent(
            reason,
            payload.GetStringOrEmpty("message"),
            payload.GetStringOrEmpty("type"),
            involvedObject,
            lastSeen,
            metadata.GetStringOrNull("uid"),
            metadata.GetStringOrNull("namespace") ?? involvedObject.Namespace,
            source.GetStringOrNull("component") ?? payload.GetStringOrNull("reportingComponent"),
            source.GetStringOrNull("host"),
            ReadTime(payload, "firstTimestamp"),
            payload.TryGetMember("count", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) ? n : null);
    }

    private static (DateTimeOffset EntryTime, DateTimeOffset EventTime) ReadTimestamp(JsonElement root, JsonElement payload)
    {
        var entryTime = ReadTime(root, "timestamp") ?? ReadTime(root, "receiveTimestamp") ?? DateTimeOffset.UnixEpoch;
        var eventTime = ReadTime(payload, "lastTimestamp")
            ?? ReadTime(payload, "eventTime")
            ?? ReadTime(payload.GetObjectOrDefault("series"), "lastObservedTime")
            ?? entryTime;
        return (entryTime, eventTime);
    }

    private static DateTimeOffset? ReadTime(JsonElement element, string name) =>
        Rfc3339.TryParse(element.GetStringOrNull(name), out var value) ? value : null;

    private static Dictionary<string, string> ReadLabels(JsonElement resource)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (resource.TryGetMember("labels", out var element) && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in element.EnumerateObject())
            {
                if (label.Value.ValueKind == JsonValueKind.String)
                {
                    labels[label.Name] = label.Value.GetString()!;
                }
            }
        }

        return labels;
    }

    private static ClusterRef ReadCluster(Dictionary<string, string> labels) =>
        new(labels.GetValueOrDefault("project_id", ""), labels.GetValueOrDefault("location", ""), labels.GetValueOrDefault("cluster_name", ""));

    private static string Truncate(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
