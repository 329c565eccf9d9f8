using System.Globalization;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Stages.Delivery.BlindSpots;

/// <summary>"Events of cluster C between T1 and T2 may be missing": the one message a blind spot gets.</summary>
internal static class BlindSpotRenderer
{
    private const string WarningColor = "#E8A33D";

    public static SlackMessage Notice(ClusterRef cluster, DateTimeOffset? since, DateTimeOffset until)
    {
        var name = cluster.IsKnown ? cluster.ClusterName : "unknown cluster";
        var window = since is { } t1 ? $"between {Utc(t1)} and {Utc(until)}" : $"before {Utc(until)} (no earlier event of this cluster was seen)";
        var headline = $"Events of cluster {name} {window} may be missing";
        var text = $":warning: {SlackText.Escape(headline)}";
        var detail = "GKE's event exporter restarted and says some events may have been lost up to then: alerts for that time may be missing. "
            + "Events stay in the cluster for an hour: `kubectl get events -A --sort-by=.lastTimestamp` shows what is left.";
        var where = cluster.IsKnown ? $"cluster {SlackText.Code(cluster.ClusterName)} · {SlackText.Escape(cluster.Location)} · project {SlackText.Code(cluster.ProjectId)}" : "the entry names no cluster";
        var blocks = new List<SlackBlock>
        {
            new HeaderBlock(TextObject.Plain(SlackText.EscapeAndLimit($"Blind spot: cluster {name}", SlackText.MaxHeaderLength))),
            new SectionBlock { Text = TextObject.Markdown(SlackText.Limit($"*{SlackText.Escape(headline)}*\n{detail}", SlackText.MaxTextLength)) },
            new ContextBlock([TextObject.Markdown(SlackText.Limit(where, SlackText.MaxTextLength))]),
        };
        return new SlackMessage
        {
            Text = SlackText.Limit(text, SlackText.MaxFallbackLength),
            Attachments = [new SlackAttachment(WarningColor, text, blocks)],
        };
    }

    public static string Utc(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "the start";
}
