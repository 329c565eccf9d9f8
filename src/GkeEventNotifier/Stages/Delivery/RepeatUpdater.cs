using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Dedup;
using GkeEventNotifier.Stages.Rendering;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Stages.Delivery;

/// <summary>
/// Shows a repeat of an event on the alert already posted (<c>chat.update</c> with the count, "seen N times"). It re-renders and
/// posts, so it belongs to delivery; dedup only decides that the event is a repeat. The ledger keeps no alert, so a
/// repeat's own LogEntry (the same event, newer) is rendered for the update.
/// </summary>
internal sealed partial class RepeatUpdater(AlertLedger ledger, ISlackClient slack, ILogger<RepeatUpdater> logger) : IDisposable
{
    /// <summary>Each alert's updates go one at a time and each shows the count at that moment; other alerts' do not wait.</summary>
    private readonly UpdateLanes updates = new();

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
