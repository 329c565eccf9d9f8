using System.Globalization;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Stages.Rendering;

/// <summary>
/// Many alerts → one Slack message: counts by reason and where (namespace, or node for node events), then the objects
/// themselves as far as Block Kit's limits allow. Event text is escaped like in <see cref="AlertRenderer"/>.
/// </summary>
public static class BurstSummaryRenderer
{
    private const int MaxGroups = 8;
    private const int MaxObjectLines = 60;

    public static SlackMessage Render(IReadOnlyList<Alert> alerts, TimeSpan span)
    {
        var severity = alerts.Max(alert => AlertSeverityRules.Of(alert.Entry.Event));
        var headline = $"{alerts.Count} alerts in {Seconds(span)} s";
        var groups = Groups(alerts);
        var blocks = new List<SlackBlock>
        {
            new HeaderBlock(TextObject.Plain(headline)),
            new SectionBlock { Text = TextObject.Markdown(SlackText.Limit(groups, SlackText.MaxTextLength)) },
            new SectionBlock { Text = TextObject.Markdown(SlackText.Limit(ObjectLines(alerts), SlackText.MaxTextLength)) },
            new ContextBlock([TextObject.Markdown("Sent as one message because Slack takes about one message per second per channel. Every event is in Cloud Logging.")]),
        };
        var fallback = SlackText.Limit($"{severity.Emoji()} {headline}: {groups.ReplaceLineEndings(", ")}", SlackText.MaxFallbackLength);
        return new SlackMessage
        {
            Text = fallback,
            Attachments = [new SlackAttachment(severity.Color(), fallback, blocks)],
        };
    }

    /// <summary>"21 Evicted in shop": the biggest groups first.</summary>
    private static string Groups(IReadOnlyList<Alert> alerts)
    {
        var groups = alerts
            .GroupBy(alert => (alert.Entry.Event.Reason, Where: Where(alert)))
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key.Reason, StringComparer.Ordinal)
            .ToList();
        var lines = groups.Take(MaxGroups).Select(group => $"{group.Count()} {SlackText.Escape(group.Key.Reason)} {SlackText.Escape(group.Key.Where)}").ToList();
        if (groups.Count > MaxGroups)
        {
            lines.Add($"… {groups.Skip(MaxGroups).Sum(group => group.Count())} more in {groups.Count - MaxGroups} other groups");
        }

        return string.Join("\n", lines);
    }

    private static string ObjectLines(IReadOnlyList<Alert> alerts)
    {
        var lines = alerts.Take(MaxObjectLines).Select(alert => $"• {SlackText.Escape(AlertRenderer.Headline(alert))}").ToList();
        if (alerts.Count > MaxObjectLines)
        {
            lines.Add($"… and {alerts.Count - MaxObjectLines} more");
        }

        return string.Join("\n", lines);
    }

    private static string Where(Alert alert)
    {
        var e = alert.Entry.Event;
        return e.InvolvedObject.Namespace is { Length: > 0 } ns ? $"in {ns}"
            : alert.Entry.NodeName is { } node ? $"on {node}"
            : $"in {alert.Entry.Cluster.ClusterName}";
    }

    private static string Seconds(TimeSpan span) => Math.Max(1, Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
