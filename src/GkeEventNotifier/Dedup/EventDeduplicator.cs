using GkeEventNotifier.Decoding;
using GkeEventNotifier.Rendering;
using GkeEventNotifier.Slack;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Dedup;

/// <summary>
/// One alert per Kubernetes event: claims an event before it is alerted and shows repeats on the alert already posted
/// (<c>chat.update</c> with the count, "×N"). The ledger keeps no alert, so a repeat's own LogEntry (the same event,
/// newer) is rendered for the update. Where Slack gave no ts to update (webhooks, summaries) the count is carried into
/// the next alert for the event after the window.
/// </summary>
internal sealed partial class EventDeduplicator(AlertLedger ledger, ISlackClient slack, ILogger<EventDeduplicator> logger) : IDisposable
{
    /// <summary>Each alert's updates go one at a time and each shows the count at that moment; other alerts' do not wait.</summary>
    private readonly UpdateLanes updates = new();

    public Task<DedupDecision> ClaimAsync(string messageId, EventLogEntry entry, CancellationToken cancellationToken) =>
        ledger.ClaimAsync(EventKeys.Of(messageId, entry), cancellationToken);

    public Task ConfirmAsync(LedgerClaim claim, SlackPostResult post, bool inSummary, CancellationToken cancellationToken) =>
        ledger.ConfirmAsync(claim, post, inSummary, cancellationToken);

    public Task ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken) => ledger.ReleaseAsync(claim, cancellationToken);

    /// <summary>
    /// Best effort: the alert itself is in Slack already, so a failed update costs only the count and the message is
    /// still acknowledged (a redelivery would not update either: it is the same message, already counted). When the
    /// count grew while updating (another instance counted a repeat too) the update is made once more, so the message
    /// settles on the latest count.
    /// </summary>
    public async Task<bool> ShowRepeatAsync(DedupDecision.Repeat repeat, Func<CancellationToken, Task<Alert>> alertOf, CancellationToken cancellationToken)
    {
        if (!repeat.Post.CanUpdate)
        {
            return false;
        }

        var alert = await alertOf(cancellationToken);
        using var lane = await updates.EnterAsync(repeat.Post.Channel!, repeat.Post.Ts!, cancellationToken);
        var occurrences = 0;
        try
        {
            var shown = 0;
            for (var round = 0; round < 2 && (occurrences = Math.Max(await ledger.OccurrencesAsync(repeat.Record, cancellationToken), repeat.Occurrences)) > shown; round++)
            {
                var message = AlertRenderer.Render(alert with { Occurrences = occurrences });
                await slack.UpdateAsync(repeat.Post.Channel!, repeat.Post.Ts!, message, cancellationToken);
                shown = occurrences;
            }

            return true;
        }
        catch (Exception e) when (e is SlackUnavailableException or SlackPayloadException or SlackConfigurationException)
        {
            LogUpdateFailed(logger, occurrences, e.Message);
            return false;
        }
    }

    public void Dispose() => updates.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the alert to show {Occurrences} occurrences: {Reason}")]
    private static partial void LogUpdateFailed(ILogger logger, int occurrences, string reason);
}
