using GkeEventNotifier.Rendering;
using GkeEventNotifier.Slack;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Dedup;

/// <summary>
/// Which Kubernetes events were alerted recently, in memory, bounded by <see cref="DedupOptions.MaxEvents"/>.
/// An event counts as alerted only once its post succeeded (<see cref="Confirm"/>): a failed post is
/// <see cref="Release"/>d, so the redelivered message alerts. A duplicate that arrives while the first copy is still
/// being posted waits for that outcome instead of posting a second time. The memory is per instance: see docs/reliability.md.
/// </summary>
internal sealed class AlertLedger(IOptions<DedupOptions> options, TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LedgerRecord> records = new(StringComparer.Ordinal);
    private readonly LinkedList<LedgerRecord> order = new();
    private readonly TimeSpan window = options.Value.Window;
    private readonly int maxEvents = options.Value.MaxEvents;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return order.Count;
            }
        }
    }

    public async Task<DedupDecision> ClaimAsync(EventKeys keys, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<bool> inFlight;
            lock (gate)
            {
                if (Decide(keys, timeProvider.GetUtcNow()) is { } decision)
                {
                    return decision;
                }

                inFlight = Find(keys)!.Settled;
            }

            await inFlight.WaitAsync(cancellationToken);
        }
    }

    public void Confirm(LedgerClaim claim, Alert alert, SlackPostResult post, bool inSummary = false)
    {
        lock (gate)
        {
            claim.Record.Alert = alert;
            claim.Record.Post = post;
            claim.Record.InSummary = inSummary;
            claim.Record.AlertedAt = timeProvider.GetUtcNow();
        }

        claim.Record.Settle(posted: true);
    }

    /// <summary>The count now, which may have grown since a decision was taken.</summary>
    public int Occurrences(LedgerRecord record)
    {
        lock (gate)
        {
            return record.Occurrences;
        }
    }

    public void Release(LedgerClaim claim)
    {
        lock (gate)
        {
            Unindex(claim.Record);
        }

        claim.Record.Settle(posted: false);
    }

    /// <summary>Null while another copy of the event is in flight.</summary>
    private DedupDecision? Decide(EventKeys keys, DateTimeOffset now)
    {
        if (window <= TimeSpan.Zero)
        {
            return new DedupDecision.New(new LedgerClaim(keys, new LedgerRecord(now, 0)), 1);
        }

        Purge(now);
        var existing = Find(keys);
        if (existing is { IsPending: true })
        {
            return null;
        }

        if (existing is not null && now - existing.AlertedAt < window)
        {
            return CountRepeat(existing, keys);
        }

        var record = new LedgerRecord(now, existing?.Occurrences ?? 0);
        foreach (var key in keys.All)
        {
            records[key] = record;
            record.Keys.Add(key);
        }

        order.AddLast(record.Node);
        return new DedupDecision.New(new LedgerClaim(keys, record), record.Occurrences);
    }

    private DedupDecision CountRepeat(LedgerRecord existing, EventKeys keys)
    {
        if (!records.TryAdd(keys.Message, existing))
        {
            return new DedupDecision.Redelivery(existing.Occurrences, existing.InSummary);
        }

        existing.Keys.Add(keys.Message);
        existing.Occurrences++;
        return new DedupDecision.Repeat(existing.Alert, existing.Occurrences, existing.Post, existing);
    }

    private LedgerRecord? Find(EventKeys keys) =>
        records.GetValueOrDefault(keys.Message)
        ?? records.GetValueOrDefault(keys.Event)
        ?? (keys.IsCombined ? records.GetValueOrDefault(keys.Similar) : null);

    /// <summary>
    /// Forgets events after two windows (the second one only carries the count into the next alert) and the oldest
    /// events beyond the size cap.
    /// </summary>
    private void Purge(DateTimeOffset now)
    {
        while (order.First is { Value: var oldest }
               && (order.Count >= maxEvents || (!oldest.IsPending && now - oldest.AlertedAt >= 2 * window)))
        {
            Unindex(oldest);
        }
    }

    private void Unindex(LedgerRecord record)
    {
        if (record.Node.List is not null)
        {
            order.Remove(record.Node);
        }

        foreach (var key in record.Keys)
        {
            if (records.TryGetValue(key, out var indexed) && ReferenceEquals(indexed, record))
            {
                records.Remove(key);
            }
        }
    }
}
