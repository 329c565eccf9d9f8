using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Stages.Delivery.CronJobs;

/// <summary>The messages of a CronJob's failure thread: each failure with its streak count, and the recovery.</summary>
internal static class RecoveryRenderer
{
    private const string ResolvedColor = "#2EB67D";

    public static SlackMessage Failure(Alert alert, Receiver receiver, GroupState state, bool first)
    {
        var message = first ? GroupRenderer.First(alert, receiver, state) : GroupRenderer.Reply(alert, receiver, state);
        var line = Streak(state.Count);
        return GroupRenderer.WithLine(message, line, $"*{line}*");
    }

    /// <summary>"CronJob billing/invoice-export in cluster shop-prod recovered after 5 h 10 min, 5 failed runs".</summary>
    public static string Recovered(string where, ClusterRef cluster, TimeSpan after, int failedRuns) =>
        $"{where}{(cluster.ClusterName.Length > 0 ? $" in cluster {cluster.ClusterName}" : "")} recovered after {Durations.Say(after)}, {failedRuns} failed run{(failedRuns == 1 ? "" : "s")}";

    public static SlackMessage RecoveryReply(Receiver receiver, GroupState state, string recovered, string job) => new()
    {
        Channel = receiver.Channel,
        ThreadTs = state.Ts,
        Text = $":white_check_mark: {SlackText.Escape(recovered)} (Job {SlackText.Code(job)} succeeded)",
    };

    /// <summary>
    /// The first alert, marked resolved in place: green, the outcome in the header, where (cluster, namespace) and when
    /// in its context line, a button to the successful run's events, and the state closed in its metadata.
    /// </summary>
    public static SlackMessage Resolved(GroupState state, string recovered, ClusterRef? cluster = null, string? jobNamespace = null, Uri? run = null)
    {
        var text = $":white_check_mark: Resolved: {SlackText.Escape(recovered)}";
        var where = cluster is null ? "" : $"Cluster {SlackText.Code(ClusterText(cluster))} · namespace {SlackText.Code(jobNamespace ?? "—")} · ";
        var when = $"{(where.Length > 0 ? "first" : "First")} failure {Utc(state.First)} · last failure {Utc(state.Last)}";
        var blocks = new List<SlackBlock>
        {
            new HeaderBlock(TextObject.Plain(SlackText.EscapeAndLimit($"Resolved: {recovered}", SlackText.MaxHeaderLength))),
            new ContextBlock([TextObject.Markdown(SlackText.Limit(where + when, SlackText.MaxTextLength))]),
        };
        if (run is not null)
        {
            blocks.Add(new ActionsBlock([new ButtonElement(TextObject.Plain("Open the run in Cloud Logging"), run.AbsoluteUri, "open-cloud-logging")]));
        }

        return new SlackMessage
        {
            Text = text,
            Attachments = [new SlackAttachment(ResolvedColor, text, blocks)],
            Metadata = state.ToMetadata(),
        };
    }

    private static string ClusterText(ClusterRef cluster) =>
        cluster.IsKnown ? $"{cluster.ClusterName} ({cluster.Location}, {cluster.ProjectId})" : "unknown";

    private static string Streak(int failures) =>
        failures == 1 ? "1 failed run" : $"{failures} consecutive failed runs";

    private static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
