using System.Text.Json;
using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Decoding;

/// <summary>
/// LogEntry JSON → <see cref="DecodeResult"/>. Tolerant by design: unknown fields are ignored, any field GKE's
/// exporter is known to strip may be missing, and timestamps may carry 0 to 9 fractional digits.
/// Only data that can never be an event (not JSON, not an object, a jsonPayload that is not an Event) is Invalid.
/// </summary>
public static class LogEntryDecoder
{
    /// <summary>The start of the text GKE's event exporter logs each time it starts watching (k8s-stackdriver event-exporter).</summary>
    public const string ExporterStartedNotice = "Event exporter started watching";

    [ThreadStatic]
    private static ClusterRef? lastCluster;

    /// <summary>LogEntry JSON → decode result (<see cref="ParsedLogEntry"/> holds the steps, so that the pipeline can filter between them).</summary>
    public static DecodeResult Decode(ReadOnlyMemory<byte> logEntryJson) => Whole(ParsedLogEntry.Parse(logEntryJson));

    /// <summary>A message's data (base64 text as UTF-8 bytes) → decode result, all of it; data that is not base64 is Invalid.</summary>
    public static DecodeResult DecodeBase64(ReadOnlyMemory<byte> base64) => Whole(ParsedLogEntry.FromBase64(base64));

    private static DecodeResult Whole(ParsedLogEntry parsed)
    {
        using (parsed)
        {
            return parsed.Final ?? parsed.Decode();
        }
    }

    /// <summary>Whether <see cref="Decode(JsonElement)"/> makes an <see cref="DecodeResult.EventEntry"/> of the entry: the same checks, nothing read.</summary>
    internal static bool IsEvent(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("jsonPayload", out var payload)
        && payload.ValueKind == JsonValueKind.Object
        && payload.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String && !reason.ValueEquals(""u8)
        && payload.TryGetProperty("involvedObject", out var involved) && involved.ValueKind == JsonValueKind.Object;

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
            if (text.GetString()!.StartsWith(ExporterStartedNotice, StringComparison.Ordinal))
            {
                var at = ReadTime(root, "timestamp") ?? ReadTime(root, "receiveTimestamp") ?? DateTimeOffset.UnixEpoch;
                return new DecodeResult.ExporterStarted(insertId, ReadCluster(ReadLabels(root.GetObjectOrDefault("resource"))), at, root);
            }

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

    /// <summary>
    /// The cluster of a LogEntry's resource labels, as <see cref="ReadLabels"/> would read it (the last string value of
    /// each name counts), without a string per label: the instance read last on this thread is reused when it is the same.
    /// </summary>
    internal static ClusterRef ReadCluster(JsonElement root)
    {
        JsonElement project = default, location = default, name = default;
        var labels = root.GetObjectOrDefault("resource").GetObjectOrDefault("labels");
        if (labels.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labels.EnumerateObject())
            {
                if (label.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                if (label.NameEquals("project_id"u8))
                {
                    project = label.Value;
                }
                else if (label.NameEquals("location"u8))
                {
                    location = label.Value;
                }
                else if (label.NameEquals("cluster_name"u8))
                {
                    name = label.Value;
                }
            }
        }

        if (lastCluster is { } last && Is(project, last.ProjectId) && Is(location, last.Location) && Is(name, last.ClusterName))
        {
            return last;
        }

        return lastCluster = new ClusterRef(TextOf(project), TextOf(location), TextOf(name));
    }

    /// <summary>The cluster of these label texts, sharing <see cref="ReadCluster(JsonElement)"/>'s instance when it is the same.</summary>
    internal static ClusterRef ClusterOf(ReadOnlySpan<char> project, ReadOnlySpan<char> location, ReadOnlySpan<char> name)
    {
        if (lastCluster is { } last && project.SequenceEqual(last.ProjectId) && location.SequenceEqual(last.Location) && name.SequenceEqual(last.ClusterName))
        {
            return last;
        }

        return lastCluster = new ClusterRef(project.ToString(), location.ToString(), name.ToString());
    }

    private static bool Is(JsonElement value, string text) => value.ValueKind == JsonValueKind.String ? value.ValueEquals(text) : text.Length == 0;

    private static string TextOf(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    /// <summary>The LogEntry's timestamp, else its receiveTimestamp.</summary>
    internal static DateTimeOffset ReadEntryTime(JsonElement root) =>
        ReadTime(root, "timestamp") ?? ReadTime(root, "receiveTimestamp") ?? DateTimeOffset.UnixEpoch;

    private static (DateTimeOffset EntryTime, DateTimeOffset EventTime) ReadTimestamp(JsonElement root, JsonElement payload)
    {
        var entryTime = ReadEntryTime(root);
        var eventTime = ReadTime(payload, "lastTimestamp")
            ?? ReadTime(payload, "eventTime")
            ?? ReadTime(payload.GetObjectOrDefault("series"), "lastObservedTime")
            ?? entryTime;
        return (entryTime, eventTime);
    }

    private static DateTimeOffset? ReadTime(JsonElement element, string name) =>
        element.TryGetMember(name, out var text) && text.ValueKind == JsonValueKind.String && JsonText.TryParseTime(text, out var value) ? value : null;

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

    internal static string Truncate(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
