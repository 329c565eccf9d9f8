using System.Collections.Concurrent;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Model.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Stages.Dedup;

/// <summary>
/// Which Kubernetes events were alerted recently, in the shared alert state, so that any instance answers the same.
/// An event counts as alerted only once its post succeeded (<see cref="ConfirmAsync"/>): a failed post is
/// <see cref="ReleaseAsync"/>d, so the redelivered message alerts. Claims are leases: a duplicate that arrives while
/// the first copy is being posted waits for that outcome (briefly; then Pub/Sub retries it), and a claim whose instance
/// died lapses. Every write is conditional, so two instances never both claim one event.
/// </summary>
internal sealed partial class AlertLedger(
    IAlertStateStore store,
    IOptions<DedupOptions> dedup,
    IOptions<AlertStateOptions> state,
    TimeProvider time,
    ILogger<AlertLedger> logger)
{
    public const string EventsCollection = "ledger";
    public const string SimilarCollection = "similar";

    private const int MaxAttempts = 50;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    /// <summary>Claims this instance is settling: local duplicates await them instead of polling the store.</summary>
    private readonly ConcurrentDictionary<string, TaskCompletionSource> inFlight = new(StringComparer.Ordinal);

    public string Owner { get; } = Guid.NewGuid().ToString("N")[..12];

    private TimeSpan Window => dedup.Value.Window;

    public async Task<DedupDecision> ClaimAsync(EventKeys keys, CancellationToken cancellationToken)
    {
        if (Window <= TimeSpan.Zero)
        {
            return new DedupDecision.New(new LedgerClaim(keys, null, LedgerEntry.Claim("", Owner, default, 0, keys.MessageHash, NewMark(), default), "", TakenOver: false), 1);
        }

        var started = time.GetUtcNow();
        if (!keys.IsCombined
            && await TryClaimAsync(keys, RecordKey.For(EventsCollection, keys.Event), null, null, started, cancellationToken) is { } fresh)
        {
            return fresh; // most events are new: one create, no read first
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (record, stored) = await FindAsync(keys, cancellationToken);
            var entry = stored is null ? null : LedgerEntry.FromRecord(stored.Record);
            var now = time.GetUtcNow();
            if (entry is not null && entry.IsLeasedAt(now))
            {
                await WaitForAsync(record, entry, started, cancellationToken);
                continue;
            }

            var decision = entry is { State: LedgerState.Alerted, AlertedAt: { } at } && now - at < Window
                ? await CountAsync(keys, record, entry, stored!.Version, cancellationToken)
                : await TryClaimAsync(keys, record, stored?.Version, entry, now, cancellationToken);
            if (decision is not null)
            {
                return decision;
            }
        }

        throw new EventInFlightException("the event's ledger record kept changing under this instance; Pub/Sub will deliver the message again");
    }

    public async Task ConfirmAsync(LedgerClaim claim, SlackPostResult post, bool inSummary, CancellationToken cancellationToken)
    {
        if (claim.Record is not { } record)
        {
            return;
        }

        try
        {
            var alerted = claim.Entry.Alerted(time.GetUtcNow(), post, inSummary);
            if (await store.TryReplaceAsync(record, alerted.ToRecord(ExpiryOf(alerted)), claim.Version, cancellationToken) is null)
            {
                LogLeaseLost(logger, state.Value.LeaseSeconds);
            }

            await PointSimilarAsync(claim.Keys, record, alerted.AlertedAt!.Value, cancellationToken);
        }
        finally
        {
            Settle(record);
        }
    }

    public async Task ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken)
    {
        if (claim.Record is not { } record)
        {
            return;
        }

        try
        {
            var released = claim.Entry.Released();
            await store.TryReplaceAsync(record, released.ToRecord(time.GetUtcNow() + (2 * Window)), claim.Version, cancellationToken);
        }
        finally
        {
            Settle(record);
        }
    }

    /// <summary>The count now, which may have grown (on any instance) since a decision was taken.</summary>
    public async Task<int> OccurrencesAsync(RecordKey record, CancellationToken cancellationToken) =>
        await store.ReadAsync(record, cancellationToken) is { } stored ? LedgerEntry.FromRecord(stored.Record).Occurrences : 0;

    /// <summary>The event's own record; for a combined entry without one, the record of the event it stands for.</summary>
    private async Task<(RecordKey Record, StoredRecord? Stored)> FindAsync(EventKeys keys, CancellationToken cancellationToken)
    {
        var own = RecordKey.For(EventsCollection, keys.Event);
        var stored = await store.ReadAsync(own, cancellationToken);
        if (stored is not null || !keys.IsCombined)
        {
            return (own, stored);
        }

        if (await store.ReadAsync(RecordKey.For(SimilarCollection, keys.Similar), cancellationToken) is { } similar
            && similar.Record.Text("target") is { } target)
        {
            var targetKey = new RecordKey(EventsCollection, target, similar.Record.Text("targetKey") ?? "");
            if (await store.ReadAsync(targetKey, cancellationToken) is { } targetRecord)
            {
                return (targetKey, targetRecord);
            }
        }

        return (own, null);
    }

    /// <summary>A repeat of an alerted event: counted once per Pub/Sub message. Null: the record changed meanwhile.</summary>
    private async Task<DedupDecision?> CountAsync(EventKeys keys, RecordKey record, LedgerEntry entry, string version, CancellationToken cancellationToken)
    {
        if (entry.Counted(keys.MessageHash))
        {
            return new DedupDecision.Redelivery(entry.Occurrences, entry.InSummary);
        }

        var counted = entry.Count(keys.MessageHash);
        return await store.TryReplaceAsync(record, counted.ToRecord(ExpiryOf(counted)), version, cancellationToken) is null
            ? null
            : new DedupDecision.Repeat(counted.Occurrences, counted.Post, record);
    }

    /// <summary>
    /// Creates the claim (or takes over a released, lapsed or old record). Null: another claim won, or one of ours is in
    /// flight. Taking over an attempt that may have posted keeps its mark, so delivery looks for that post before posting.
    /// </summary>
    private async Task<DedupDecision?> TryClaimAsync(EventKeys keys, RecordKey record, string? version, LedgerEntry? previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!inFlight.TryAdd(record.Id, mine))
        {
            if (inFlight.TryGetValue(record.Id, out var other))
            {
                await other.Task.WaitAsync(cancellationToken);
            }

            return null;
        }

        var carried = previous?.Occurrences ?? 0;
        var takenOver = previous is not null && previous.MayHavePosted(now);
        var claim = takenOver
            ? previous!.TakenOverBy(Owner, now + state.Value.Lease, keys.MessageHash)
            : LedgerEntry.Claim(record.Readable, Owner, now + state.Value.Lease, carried, keys.MessageHash, NewMark(), now);
        var stateRecord = claim.ToRecord(ExpiryOf(claim));
        string? written = null;
        try
        {
            written = version is null
                ? await store.TryCreateAsync(record, stateRecord, cancellationToken)
                : await store.TryReplaceAsync(record, stateRecord, version, cancellationToken);
        }
        finally
        {
            if (written is null)
            {
                Settle(record);
            }
        }

        return written is null ? null : new DedupDecision.New(new LedgerClaim(keys, record, claim, written, takenOver), carried + 1);
    }

    /// <summary>A claim of this instance: await its outcome. Another instance's: poll briefly, then let Pub/Sub retry.</summary>
    private async Task WaitForAsync(RecordKey record, LedgerEntry entry, DateTimeOffset started, CancellationToken cancellationToken)
    {
        if (inFlight.TryGetValue(record.Id, out var local))
        {
            await local.Task.WaitAsync(cancellationToken);
            return;
        }

        if (entry.Owner == Owner)
        {
            return; // settled between the read and now: read again
        }

        if (time.GetUtcNow() - started >= MaxWait)
        {
            throw new EventInFlightException("another instance is alerting this event; Pub/Sub will deliver the message again");
        }

        await Task.Delay(Poll, time, cancellationToken);
    }

    /// <summary>Lets a later <c>(combined from similar events)</c> entry find this event's record: the newest event wins.</summary>
    private async Task PointSimilarAsync(EventKeys keys, RecordKey record, DateTimeOffset alertedAt, CancellationToken cancellationToken)
    {
        var similar = RecordKey.For(SimilarCollection, keys.Similar);
        var pointer = StateRecord.Expiring(alertedAt + (2 * Window))
            .With("key", similar.Readable)
            .With("target", record.Id)
            .With("targetKey", record.Readable);
        if (await store.TryCreateAsync(similar, pointer, cancellationToken) is not null)
        {
            return;
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await store.ReadAsync(similar, cancellationToken);
            var written = existing is null
                ? await store.TryCreateAsync(similar, pointer, cancellationToken)
                : await store.TryReplaceAsync(similar, pointer, existing.Version, cancellationToken);
            if (written is not null)
            {
                return;
            }
        }
    }

    private DateTimeOffset ExpiryOf(LedgerEntry entry) => entry.State switch
    {
        LedgerState.Claimed => entry.LeaseUntil + (2 * Window),
        _ => (entry.AlertedAt ?? time.GetUtcNow()) + (2 * Window),
    };

    /// <summary>A fresh seed for the marks of one alert's posts: random, so that a later alert of the event is never mistaken for this one.</summary>
    private static string NewMark() => Guid.NewGuid().ToString("N");

    private void Settle(RecordKey record)
    {
        if (inFlight.TryRemove(record.Id, out var local))
        {
            local.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An alert reached Slack after its claim lapsed (STATE_LEASE_SECONDS={LeaseSeconds}); another instance may post it again")]
    private static partial void LogLeaseLost(ILogger logger, int leaseSeconds);
}
