using System.Collections.Concurrent;
using GkeEventNotifier.Rendering;
using GkeEventNotifier.Slack;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Pacing;

/// <summary>
/// Sends alerts to Slack within its rate limit without losing any: an alert waits briefly for a slot of its own;
/// when none is free in time it joins a batch that is posted as one summary at the next slot. No request is answered
/// before its alert, or the summary that stands for it, reached Slack; a failed summary fails every request in it, so
/// Pub/Sub delivers them all again. Console output is not paced.
/// </summary>
internal sealed partial class AlertPacer(SlackNotifier notifier, IOptions<PacingOptions> options, TimeProvider timeProvider, ILogger<AlertPacer> logger)
{
    private readonly ConcurrentDictionary<string, ChannelLane> lanes = new(StringComparer.Ordinal);

    public async Task<PacedDelivery> SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        var message = AlertRenderer.Render(alert);
        if (!notifier.IsConnected)
        {
            return new PacedDelivery(await notifier.NotifyAsync(message, cancellationToken), 1);
        }

        var lane = lanes.GetOrAdd(message.Channel ?? "", _ => new ChannelLane(options.Value));
        switch (lane.Enter(alert, timeProvider.GetUtcNow()))
        {
            case PaceTicket.Own own:
                await DelayAsync(own.Wait, cancellationToken);
                return new PacedDelivery(await notifier.NotifyAsync(message, cancellationToken), 1);
            case PaceTicket.InBatch batched:
                if (batched.Opened)
                {
                    _ = PostBatchAsync(lane, batched.Batch, batched.Wait);
                }

                return await batched.Batch.Outcome.WaitAsync(cancellationToken);
            default:
                throw new SlackUnavailableException(
                    $"more than {options.Value.MaxBatch} alerts are already waiting for one summary (SLACK_MAX_BATCH); Pub/Sub will deliver this one again");
        }
    }

    /// <summary>
    /// Runs detached from any one request, because it serves all of them: every outcome, failure included, is handed to
    /// the waiting requests, which answer Pub/Sub by <see cref="Pipeline.DeliveryPolicy"/>.
    /// </summary>
    private async Task PostBatchAsync(ChannelLane lane, PendingBatch batch, TimeSpan wait)
    {
        try
        {
            await DelayAsync(wait, CancellationToken.None);
            var alerts = lane.Close(batch);
            var message = alerts.Count == 1
                ? AlertRenderer.Render(alerts[0])
                : BurstSummaryRenderer.Render(alerts, timeProvider.GetUtcNow() - batch.OpenedAt);
            var post = await notifier.NotifyAsync(message, CancellationToken.None);
            LogBatchPosted(logger, alerts.Count);
            batch.Complete(new PacedDelivery(post, alerts.Count));
        }
#pragma warning disable CA1031 // The boundary of a detached task: the exception is not swallowed but handed to every waiting request.
        catch (Exception e)
#pragma warning restore CA1031
        {
            batch.Fail(e);
        }
    }

    private Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        wait > TimeSpan.Zero ? Task.Delay(wait, timeProvider, cancellationToken) : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted one summary for {Alerts} alerts of a burst (Slack allows about one message per second per channel)")]
    private static partial void LogBatchPosted(ILogger logger, int alerts);
}
