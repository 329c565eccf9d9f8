namespace GkeEventNotifier.Dedup;

/// <summary>The right to post one event's alert; settle it with <see cref="AlertLedger.Confirm"/> or <see cref="AlertLedger.Release"/>.</summary>
internal sealed record LedgerClaim(EventKeys Keys, LedgerRecord Record);
