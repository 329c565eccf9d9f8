using System.Globalization;
using System.Text;
using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Rendering;

/// <summary>
/// A link to this very event in the Cloud Logging console: a query on the event's uid (every update of the event)
/// or, without one, on the entry's insertId, over a time range around the event. Both values are event data: each is
/// written as one quoted string literal of the query language (backslash, quote and control characters escaped), so a
/// crafted uid cannot add terms to the query behind the button. No link when it would be longer than Slack takes.
/// </summary>
public static class LogsExplorerLink
{
    /// <summary>Slack refuses a button whose URL is longer than this.</summary>
    public const int MaxUrlLength = 3000;

    private static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    /// <summary>
    /// The link as the button carries it: the string <see cref="Uri.AbsoluteUri"/> would give, without parsing it into
    /// a <see cref="Uri"/> (every value in it is percent-encoded, which a Uri leaves as it is).
    /// </summary>
    public static string? For(EventLogEntry entry)
    {
        if (entry.Cluster.ProjectId.Length == 0)
        {
            return null;
        }

        var query = entry.Event.Uid is { Length: > 0 } uid
            ? $"jsonPayload.metadata.uid={Quote(uid)}"
            : $"insertId={Quote(entry.InsertId)}";
        return Link(query, entry.Cluster.ProjectId, entry.Event.LastSeen.ToUniversalTime());
    }

    /// <summary>
    /// A link to one run of a CronJob: the events of its Job and of the Job's pods (their names start with the Job's) in
    /// the cluster and namespace, around when it finished. Namespace and Job are valid Kubernetes names by then; every
    /// value is still written as a quoted literal.
    /// </summary>
    public static Uri? ForRun(ClusterRef cluster, string jobNamespace, string job, DateTimeOffset finished)
    {
        if (!cluster.IsKnown)
        {
            return null;
        }

        var query = $"log_id(\"events\") resource.labels.cluster_name={Quote(cluster.ClusterName)} "
            + $"jsonPayload.involvedObject.namespace={Quote(jobNamespace)} jsonPayload.involvedObject.name:{Quote(job)}";
        return Link(query, cluster.ProjectId, finished.ToUniversalTime()) is { } link ? new Uri(link) : null;
    }

    private static string? Link(string query, string projectId, DateTimeOffset at)
    {
        var range = $"{Rfc3339.Format(Earlier(at))}/{Rfc3339.Format(Later(at))}";
        var link =
            "https://console.cloud.google.com/logs/query" +
            $";query={Uri.EscapeDataString(query)}" +
            $";timeRange={Uri.EscapeDataString(range)}" +
            $";cursorTimestamp={Uri.EscapeDataString(Rfc3339.Format(at))}" +
            $"?project={Uri.EscapeDataString(projectId)}";
        return link.Length <= MaxUrlLength ? link : null;
    }

    /// <summary>An hour before, or the earliest time there is: a forged timestamp may sit at DateTimeOffset's limits.</summary>
    private static DateTimeOffset Earlier(DateTimeOffset at) => at.UtcTicks - DateTimeOffset.MinValue.UtcTicks > Margin.Ticks ? at - Margin : DateTimeOffset.MinValue;

    private static DateTimeOffset Later(DateTimeOffset at) => DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks > Margin.Ticks ? at + Margin : DateTimeOffset.MaxValue;

    /// <summary>A Cloud Logging query string literal: <c>"…"</c> with <c>\"</c>, <c>\\</c> and <c>\uXXXX</c> for control characters.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' or '\\' => builder.Append('\\').Append(c),
                _ when char.IsControl(c) => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
