using System.Collections.Concurrent;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Rendering;
using GkeEventNotifier.Stages.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Stages.Pacing;

/// <summary>
/// Sends alerts to Slack within its rate limit without losing any: an alert waits briefly for a slot of its own;
/// when none is free in time it joins a batch that is posted as one summary at the next slot, and its request is
/// answered at once with <see cref="AlertDeferredException"/> (503), so the push stream keeps flowing (the emulator and
/// Pub/Sub push only a few messages at a time) while Pub/Sub keeps the message until its redelivery finds it alerted.
/// Console output is not paced. The lanes spend Slack's posting limit only (chat.postMessage and webhooks: about one
/// message a second per channel, short bursts allowed). Slack counts every other method apart, per workspace:
/// <c>chat.update</c>, <c>conversations.history</c> and <c>conversations.replies</c> are Tier 3 (50+ a minute each), so
/// a repeat's counter update or a history read never takes an alert's slot. They are few by design (one history read
/// per channel per 10 s; a thread's update inside its alert's slot; a repeat's update once per new Pub/Sub message, one
/// at a time per alert), and a 429 on them is honoured with its Retry-After like one on a post.
/// </summary>
internal sealed partial class AlertPacer(SlackNotifier notifier, IOptions<PacingOptions> options, TimeProvider timeProvider, ILogger<AlertPacer> logger)
{
    private readonly ConcurrentDictionary<string, ChannelLane> lanes = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="deliver"/> (the receiver's own delivery: a post, a thread reply, an update) when the
    /// receiver's channel has a slot; otherwise the alert joins the channel's next summary.
    /// </summary>
    public async Task<PaceOutcome> SendAsync(Alert alert, Receiver receiver, Func<CancellationToken, Task<SlackPostResult>> deliver, CancellationToken cancellationToken)
    {
        if (!receiver.Client.IsConnected)
        {
            return new PaceOutcome.Posted(await deliver(cancellationToken));
        }

        var lane = lanes.GetOrAdd($"{receiver.Name}\n{receiver.Channel}", _ => new ChannelLane(options.Value));
        switch (lane.Enter(alert, timeProvider.GetUtcNow()))
        {
            case PaceTicket.Own own:
                await DelayAsync(own.Wait, cancellationToken);
                return new PaceOutcome.Posted(await deliver(cancellationToken));
            case PaceTicket.InBatch batched:
                if (batched.Opened)
                {
                    _ = PostBatchAsync(lane, batched.Batch, batched.Wait, receiver);
                }

                return new PaceOutcome.Deferred(batched.Batch.Outcome);
            default:
                throw new SlackUnavailableException(
                    $"more than {options.Value.MaxBatch} alerts are already waiting for one summary (SLACK_MAX_BATCH); Pub/Sub will deliver this one again");
        }
    }

    /// <summary>
    /// Runs detached from any one request, because it serves all of them: every outcome, failure included, is handed to
    /// the batch's <see cref="PendingBatch.Outcome"/>; a failure is logged here once, and the messages stay in Pub/Sub.
    /// </summary>
    private async Task PostBatchAsync(ChannelLane lane, PendingBatch batch, TimeSpan wait, Receiver receiver)
    {
        try
        {
            await DelayAsync(wait, CancellationToken.None);
            var alerts = lane.Close(batch);
            var message = alerts.Count == 1
                ? AlertRenderer.Render(alerts[0])
                : BurstSummaryRenderer.Render(alerts, timeProvider.GetUtcNow() - batch.OpenedAt, receiver.CanThread);
            var post = await notifier.NotifyAsync(receiver.Client, message with { Channel = receiver.Channel }, CancellationToken.None);
            LogBatchPosted(logger, alerts.Count);
            if (BurstSummaryRenderer.NeedsListing(alerts))
            {
                await ListAsync(lane, alerts, receiver, post);
            }

            batch.Complete(new PacedDelivery(post, alerts.Count));
        }
#pragma warning disable CA1031 // The boundary of a detached task: the exception is not swallowed but handed to every waiting request.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBatchFailed(logger, e.Message);
            batch.Fail(e);
        }
    }

    /// <summary>
    /// The summary is in Slack, so its alerts count as alerted whatever happens here: a listing Slack does not take is
    /// logged (the alerts are still counted in the summary and are all in Cloud Logging), not retried through Pub/Sub.
    /// Each part takes a slot of the channel's lane, like any message, so a long listing stays within Slack's rate.
    /// </summary>
    private async Task ListAsync(ChannelLane lane, IReadOnlyList<Alert> alerts, Receiver receiver, SlackPostResult summary)
    {
        var listing = BurstSummaryRenderer.Listing(alerts, receiver.CanThread ? summary.Ts : null);
        for (var part = 0; part < listing.Count; part++)
        {
            await DelayAsync(lane.Reserve(timeProvider.GetUtcNow()), CancellationToken.None);
            try
            {
                await notifier.NotifyAsync(receiver.Client, listing[part] with { Channel = receiver.Channel }, CancellationToken.None);
            }
            catch (Exception e) when (e is SlackUnavailableException or SlackPayloadException or SlackConfigurationException)
            {
                LogListingFailed(logger, part + 1, listing.Count, alerts.Count, e.Message);
            }
        }
    }

    private Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        wait > TimeSpan.Zero ? Task.Delay(wait, timeProvider, cancellationToken) : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted one summary for {Alerts} alerts of a burst (Slack allows about one message per second per channel)")]
    private static partial void LogBatchPosted(ILogger logger, int alerts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Part {Part} of {Parts} listing the {Alerts} alerts of a burst summary could not be posted: {Reason}")]
    private static partial void LogListingFailed(ILogger logger, int part, int parts, int alerts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A burst summary could not be posted ({Reason}); its messages stay in Pub/Sub and alert when redelivered")]
    private static partial void LogBatchFailed(ILogger logger, string reason);
}
