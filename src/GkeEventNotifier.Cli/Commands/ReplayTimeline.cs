using System.Text.Json;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>
/// The entries of an export in the order their events happened: by LogEntry <c>timestamp</c> (then
/// <c>receiveTimestamp</c>), oldest first, because <c>gcloud logging read</c> prints newest first. Entries without a
/// readable time keep their place in the file relative to each other and go first; their rejection is reported as usual.
/// </summary>
internal sealed record ReplayTimeline(IReadOnlyList<(ExportedEntry Entry, DateTimeOffset? Time)> Entries, DateTimeOffset? Start)
{
    public static ReplayTimeline Of(IReadOnlyList<ExportedEntry> entries)
    {
        var timed = entries
            .Select(entry => (Entry: entry, Time: EventTime(entry)))
            .OrderBy(item => item.Time ?? DateTimeOffset.MinValue)
            .ThenBy(item => item.Entry.Number)
            .ToList();
        return new ReplayTimeline(timed, timed.FirstOrDefault(item => item.Time is not null).Time);
    }

    private static DateTimeOffset? EventTime(ExportedEntry entry)
    {
        if (!entry.IsValid)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(entry.Json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && (Time(root, "timestamp") ?? Time(root, "receiveTimestamp")) is { } time ? time : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Time(JsonElement entry, string field) =>
        entry.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && Rfc3339.TryParse(value.GetString(), out var time)
            ? time
            : null;
}
