using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Stages.Dedup;

/// <summary>
/// The right to post one event's alert, held as a lease on its ledger record at <see cref="Version"/>; settle it with
/// <see cref="AlertLedger.ConfirmAsync"/> or <see cref="AlertLedger.ReleaseAsync"/>. Null <see cref="Record"/>: dedup is off.
/// </summary>
internal sealed record LedgerClaim(EventKeys Keys, RecordKey? Record, LedgerEntry Entry, string Version);
