using GkeEventNotifier.Decoding;

namespace GkeEventNotifier.Rendering;

/// <summary>
/// A link to this very event in the Cloud Logging console: a query on the event's uid (every update of the event)
/// or, without one, on the entry's insertId, over a time range around the event.
/// </summary>
public static class LogsExplorerLink
{
    private static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    public static Uri? For(EventLogEntry entry)
    {
        if (entry.Cluster.ProjectId.Length == 0)
        {
            return null;
        }

        var query = entry.Event.Uid is { Length: > 0 } uid
            ? $"jsonPayload.metadata.uid=\"{uid}\""
            : $"insertId=\"{entry.InsertId}\"";
        var at = entry.Event.LastSeen.ToUniversalTime();
        var range = $"{Rfc3339.Format(at - Margin)}/{Rfc3339.Format(at + Margin)}";
        return new Uri(
            "https://console.cloud.google.com/logs/query" +
            $";query={Uri.EscapeDataString(query)}" +
            $";timeRange={Uri.EscapeDataString(range)}" +
            $";cursorTimestamp={Uri.EscapeDataString(Rfc3339.Format(at))}" +
            $"?project={Uri.EscapeDataString(entry.Cluster.ProjectId)}");
    }
}
