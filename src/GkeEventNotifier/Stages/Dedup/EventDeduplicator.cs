using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Stages.Dedup;

/// <summary>
/// One alert per Kubernetes event: claims an event before it is alerted, so that a repeat is told apart from a new event
/// (delivery then shows the count on the alert already posted, see <c>RepeatUpdater</c>). Where Slack gave no ts to
/// update (webhooks, summaries) the count is carried into the next alert for the event after the window.
/// </summary>
internal sealed class EventDeduplicator(AlertLedger ledger)
{
    public Task<DedupDecision> ClaimAsync(string messageId, EventLogEntry entry, CancellationToken cancellationToken) =>
        ledger.ClaimAsync(EventKeys.Of(messageId, entry), cancellationToken);

    public Task ConfirmAsync(LedgerClaim claim, SlackPostResult post, bool inSummary, CancellationToken cancellationToken) =>
        ledger.ConfirmAsync(claim, post, inSummary, cancellationToken);

    public Task ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken) => ledger.ReleaseAsync(claim, cancellationToken);
}
