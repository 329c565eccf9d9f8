using System.Text;
using System.Text.Json.Nodes;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// The LogEntry of a held failure, as its incident record keeps it until the sweep alerts it: without the event's
/// <c>managedFields</c> and with its message cut to <see cref="MaxMessageLength"/> characters. An entry still larger
/// than <see cref="MaxLength"/> is not kept, and its failure is alerted at once instead of held.
/// </summary>
internal static class HeldEntries
{
    public const int MaxLength = 16 * 1024;
    public const int MaxMessageLength = 4 * 1024;

    public static string? Keep(EventLogEntry entry)
    {
        if (JsonNode.Parse(entry.Raw.GetRawText()) is not JsonObject copy)
        {
            return null;
        }

        if (copy["jsonPayload"] is JsonObject payload)
        {
            (payload["metadata"] as JsonObject)?.Remove("managedFields");
            if (payload["message"] is JsonValue message && message.TryGetValue<string>(out var text) && text.Length > MaxMessageLength)
            {
                payload["message"] = text[..(char.IsHighSurrogate(text[MaxMessageLength - 1]) ? MaxMessageLength - 1 : MaxMessageLength)];
            }
        }

        var kept = copy.ToJsonString();
        return kept.Length <= MaxLength ? kept : null;
    }

    /// <summary>The kept entry decoded again; null when the record holds none or something this version cannot read.</summary>
    public static EventLogEntry? Restore(string? kept) =>
        kept is not null && LogEntryDecoder.Decode(Encoding.UTF8.GetBytes(kept)) is DecodeResult.EventEntry { Entry: var entry } ? entry : null;
}
