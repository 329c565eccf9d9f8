using System.Globalization;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Stages.Rendering;

/// <summary>
/// Many alerts → one Slack message: counts by reason and where (namespace, or node for node events), then the first
/// objects. Every alert stays findable from Slack: when more than <see cref="MaxObjectLines"/> are summarised, all of
/// them are listed in plain-text messages that follow the summary (<see cref="Listing"/>), in its thread where Slack
/// gives one. Event text is escaped like in <see cref="AlertRenderer"/>.
/// </summary>
public static class BurstSummaryRenderer
{
    private const int MaxGroups = 8;

    /// <summary>Objects named in the summary itself; beyond, the listing after it names every one.</summary>
    public const int MaxObjectLines = 60;

    /// <summary>Characters of one alert's line in the listing (a headline is reason, kind and name).</summary>
    private const int MaxListingLine = 400;

    public static bool NeedsListing(IReadOnlyList<Alert> alerts) => alerts.Count > MaxObjectLines;

    /// <summary>
    /// Every summarised alert, one line each, in as many plain-text messages (each within Slack's recommended length) as
    /// it takes; <paramref name="threadTs"/> puts them in the summary's thread (null for webhooks: they follow it).
    /// </summary>
    public static IReadOnlyList<SlackMessage> Listing(IReadOnlyList<Alert> alerts, string? threadTs)
    {
        var lines = alerts.Select(alert => "• " + SlackText.EscapeAndLimit(AlertRenderer.Headline(alert), MaxListingLine)).ToList();
        var chunks = new List<(int First, int Last, List<string> Lines)>();
        const int room = SlackText.MaxFallbackLength - 100;
        var length = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (chunks.Count == 0 || length + lines[i].Length + 1 > room)
            {
                chunks.Add((i + 1, i + 1, []));
                length = 0;
            }

            var chunk = chunks[^1];
            chunk.Lines.Add(lines[i]);
            chunks[^1] = chunk with { Last = i + 1 };
            length += lines[i].Length + 1;
        }

        return chunks.Select(chunk => new SlackMessage
        {
            ThreadTs = threadTs,
            Text = $"Alerts {chunk.First}–{chunk.Last} of {alerts.Count} in the summary:\n{string.Join("\n", chunk.Lines)}",
        }).ToList();
    }

    public static SlackMessage Render(IReadOnlyList<Alert> alerts, TimeSpan span, bool threaded = true)
    {
        var severity = alerts.Max(alert => AlertSeverityRules.Of(alert.Entry.Event));
        var headline = $"{alerts.Count} alerts in {Seconds(span)} s";
        var groups = Groups(alerts);
        var blocks = new List<SlackBlock>
        {
            new HeaderBlock(TextObject.Plain(headline)),
            new SectionBlock { Text = TextObject.Markdown(SlackText.Limit(groups, SlackText.MaxTextLength)) },
            new SectionBlock { Text = TextObject.Markdown(SlackText.Limit(ObjectLines(alerts, threaded), SlackText.MaxTextLength)) },
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

    private static string ObjectLines(IReadOnlyList<Alert> alerts, bool threaded)
    {
        var lines = alerts.Take(MaxObjectLines).Select(alert => $"• {SlackText.EscapeAndLimit(AlertRenderer.Headline(alert), MaxListingLine)}").ToList();
        if (NeedsListing(alerts))
        {
            lines.Add($"… and {alerts.Count - MaxObjectLines} more: every one is listed {(threaded ? "in the thread" : "in the messages after this one")}");
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
