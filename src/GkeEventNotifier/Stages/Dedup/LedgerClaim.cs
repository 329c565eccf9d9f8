using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Stages.Dedup;

/// <summary>
/// The right to post one event's alert, held as a lease on its ledger record at <see cref="Version"/>; settle it with
/// <see cref="AlertLedger.ConfirmAsync"/> or <see cref="AlertLedger.ReleaseAsync"/>. Null <see cref="Record"/>: dedup is off.
/// <see cref="TakenOver"/>: an earlier attempt (a lapsed or released claim) may have posted the alert already; its posts
/// carry the marks of <see cref="LedgerEntry.Mark"/>, sent since <see cref="LedgerEntry.ClaimedAt"/>.
/// </summary>
internal sealed record LedgerClaim(EventKeys Keys, RecordKey? Record, LedgerEntry Entry, string Version, bool TakenOver)
{
    /// <summary>
    /// How this claim's posts to one receiver are marked: the same marks on every instance that holds the claim, so that
    /// a taken-over claim finds the posts of the attempt before it; and since when an earlier attempt may have posted.
    /// </summary>
    public Model.Slack.SlackPostMarks MarksFor(string receiver) =>
        new(RecordKey.Hash($"{Entry.Mark}\n{receiver}", 16), TakenOver ? Entry.ClaimedAt : null);
}
