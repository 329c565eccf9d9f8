namespace GkeEventNotifier.Stages.Pacing;

/// <summary>
/// The alert joined the next burst summary, which is posted within about a second. The message is answered 503 all the
/// same: Pub/Sub keeps it until the summary is in Slack, and its redelivery is then acknowledged as already alerted.
/// If the summary fails, or the instance dies first, the redelivery alerts again: nothing is lost.
/// <see cref="Summary"/> completes when the summary is posted (or fails), for callers that can wait, such as a replay.
/// </summary>
public sealed class AlertDeferredException(Task summary)
    : Exception("the alert joined the next burst summary; Slack allows about one message per second per channel")
{
    public Task Summary { get; } = summary;
}
