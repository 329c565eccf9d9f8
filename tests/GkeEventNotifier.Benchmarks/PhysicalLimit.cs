using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// The least work any implementation must do per message, to set the pipeline's figures against: base64 from the
/// request's UTF-8 bytes into a reused buffer, one <see cref="Utf8JsonReader"/> pass over the LogEntry, and, for the
/// stricter limit, the default filter written by hand over what that pass read (filters/default.filter as of this
/// benchmark; a hand copy, so a new reason there is not in it). An alert adds writing its Block Kit payload once with
/// <see cref="Utf8JsonWriter"/>. No allocations beyond the text the filter compares.
/// </summary>
internal sealed class PhysicalLimit
{
    private readonly byte[] decoded = new byte[512 * 1024];
    private readonly ArrayBufferWriter<byte> output = new(16 * 1024);

    /// <summary>The dropped-entry limit: base64 and one reader pass to <c>jsonPayload.reason</c>.</summary>
    public bool ReadReason(ReadOnlySpan<byte> base64)
    {
        var reader = new Utf8JsonReader(Decode(base64));
        var depth = 0;
        var inPayload = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    depth++;
                    break;
                case JsonTokenType.EndObject:
                    depth--;
                    inPayload &= depth >= 2;
                    break;
                case JsonTokenType.PropertyName when depth == 1 && reader.ValueTextEquals("jsonPayload"u8):
                    inPayload = true;
                    break;
                case JsonTokenType.PropertyName when depth == 2 && inPayload && reader.ValueTextEquals("reason"u8):
                    reader.Read();
                    return reader.ValueSpan.Length > 0;
                default:
                    break;
            }
        }

        return false;
    }

    /// <summary>The stricter limit: the same pass, reading what the default filter needs, and the filter by hand.</summary>
    public bool Filter(ReadOnlySpan<byte> base64) => Matches(Read(Decode(base64)));

    /// <summary>The alerted-entry limit: the stricter one, then the alert's payload written once.</summary>
    public int FilterAndWrite(ReadOnlySpan<byte> base64, JsonDocument payload)
    {
        if (!Filter(base64))
        {
            return 0;
        }

        output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(output);
        payload.WriteTo(writer);
        writer.Flush();
        return output.WrittenCount;
    }

    private ReadOnlySpan<byte> Decode(ReadOnlySpan<byte> base64)
    {
        Base64.DecodeFromUtf8(base64, decoded, out _, out var written);
        return decoded.AsSpan(0, written);
    }

    private static Fields Read(ReadOnlySpan<byte> json)
    {
        var fields = new Fields();
        var reader = new Utf8JsonReader(json);
        Span<Name> path = stackalloc Name[4];
        var depth = 0;
        var name = Name.Other;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    path[Math.Min(depth, path.Length - 1)] = name;
                    depth++;
                    break;
                case JsonTokenType.EndObject:
                    depth--;
                    break;
                case JsonTokenType.PropertyName:
                    name = depth <= 3 ? NameOf(ref reader) : Name.Other;
                    break;
                case JsonTokenType.String when name != Name.Other:
                    fields.Set((depth, depth >= 2 ? path[1] : Name.Other, depth >= 3 ? path[2] : Name.Other, name), ref reader);
                    break;
                default:
                    break;
            }
        }

        return fields;
    }

    private static Name NameOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("logName"u8) ? Name.LogName
        : reader.ValueTextEquals("resource"u8) ? Name.Resource
        : reader.ValueTextEquals("type"u8) ? Name.Type
        : reader.ValueTextEquals("jsonPayload"u8) ? Name.JsonPayload
        : reader.ValueTextEquals("reason"u8) ? Name.Reason
        : reader.ValueTextEquals("message"u8) ? Name.Message
        : reader.ValueTextEquals("involvedObject"u8) ? Name.InvolvedObject
        : reader.ValueTextEquals("kind"u8) ? Name.Kind
        : reader.ValueTextEquals("namespace"u8) ? Name.Namespace
        : Name.Other;

    private static bool Matches(Fields f)
    {
        if (f.LogName is null || !f.LogName.EndsWith("/logs/events", StringComparison.Ordinal)
            || f.ResourceType is not ("k8s_pod" or "k8s_node" or "k8s_cluster"))
        {
            return false;
        }

        var message = f.Message ?? "";
        return f.Reason switch
        {
            "Evicted" or "BackoffLimitExceeded" => true,
            "DeadlineExceeded" => f.Kind == "Job",
            "SawCompletedJob" => f.Kind == "CronJob" && Has(message, "status: Complete"),
            "Failed" => !Has(message, "cannot find volume") && !Has(message, "\" not registered"),
            "ScaleDown" => f.Kind == "Pod" && f.Namespace != "kube-system",
            "OOMKilling" => !Has(message, "k8s_metadata") && !Has(message, "google-fluentd") && !Has(message, "otelsvc")
                && !Has(message, "fluent-bit") && !Has(message, "gke-metrics-agent"),
            _ => false,
        };
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

    private sealed class Fields
    {
        public string? LogName { get; private set; }

        public string? ResourceType { get; private set; }

        public string? Reason { get; private set; }

        public string? Message { get; private set; }

        public string? Kind { get; private set; }

        public string? Namespace { get; private set; }

        public void Set((int Depth, Name Top, Name Inner, Name Field) at, ref Utf8JsonReader reader)
        {
            switch (at)
            {
                case (1, _, _, Name.LogName):
                    LogName = reader.GetString();
                    break;
                case (2, Name.Resource, _, Name.Type):
                    ResourceType = reader.GetString();
                    break;
                case (2, Name.JsonPayload, _, Name.Reason):
                    Reason = reader.GetString();
                    break;
                case (2, Name.JsonPayload, _, Name.Message):
                    Message = reader.GetString();
                    break;
                case (3, Name.JsonPayload, Name.InvolvedObject, Name.Kind):
                    Kind = reader.GetString();
                    break;
                case (3, Name.JsonPayload, Name.InvolvedObject, Name.Namespace):
                    Namespace = reader.GetString();
                    break;
                default:
                    break;
            }
        }
    }

    private enum Name
    {
        Other,
        LogName,
        Resource,
        Type,
        JsonPayload,
        Reason,
        Message,
        InvolvedObject,
        Kind,
        Namespace,
    }
}
