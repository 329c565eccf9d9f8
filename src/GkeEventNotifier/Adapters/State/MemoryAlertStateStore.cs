using System.Globalization;
using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Adapters.State;

/// <summary>
/// Alert state in this instance's memory: local runs, the CLI, tests, and the fallback while Firestore does not answer.
/// Bounded: at most <paramref name="maxPerCollection"/> records per collection (the least recently written go first) and
/// expired records are dropped as new ones arrive. Records hold keys, counts and Slack references only, never alerts.
/// </summary>
internal sealed class MemoryAlertStateStore(TimeProvider time, int maxPerCollection) : IAlertStateStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Collection> collections = new(StringComparer.Ordinal);
    private long versions;

    public int Count(string collection)
    {
        lock (gate)
        {
            return collections.TryGetValue(collection, out var records) ? records.Order.Count : 0;
        }
    }

    public Task<StoredRecord?> ReadAsync(RecordKey key, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var live = Live(key, time.GetUtcNow());
            return Task.FromResult(live is null ? null : new StoredRecord(live.Record, live.Version));
        }
    }

    public Task<string?> TryCreateAsync(RecordKey key, StateRecord record, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            return Task.FromResult(Live(key, now) is null ? Write(key, record, now) : null);
        }
    }

    public Task<string?> TryReplaceAsync(RecordKey key, StateRecord record, string version, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            return Task.FromResult(Live(key, now) is { } live && live.Version == version ? Write(key, record, now) : null);
        }
    }

    public Task<IReadOnlyList<ListedRecord>> ListAsync(string collection, string field, string value, int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            IReadOnlyList<ListedRecord> found = collections.TryGetValue(collection, out var records)
                ? records.Order
                    .Where(entry => entry.Record.ExpireAt > now && string.Equals(entry.Record.Text(field), value, StringComparison.Ordinal))
                    .Take(limit)
                    .Select(entry => new ListedRecord(new RecordKey(collection, entry.Id, entry.Record.Text("key") ?? ""), new StoredRecord(entry.Record, entry.Version)))
                    .ToList()
                : [];
            return Task.FromResult(found);
        }
    }

    private Entry? Live(RecordKey key, DateTimeOffset now)
    {
        if (!collections.TryGetValue(key.Collection, out var records) || !records.ById.TryGetValue(key.Id, out var entry))
        {
            return null;
        }

        return entry.Record.ExpireAt > now ? entry : null;
    }

    private string Write(RecordKey key, StateRecord record, DateTimeOffset now)
    {
        if (!collections.TryGetValue(key.Collection, out var records))
        {
            records = new Collection();
            collections[key.Collection] = records;
        }

        if (records.ById.Remove(key.Id, out var old))
        {
            records.Order.Remove(old.Node);
        }

        var entry = new Entry(key.Id, record, (++versions).ToString(CultureInfo.InvariantCulture));
        records.ById[key.Id] = entry;
        records.Order.AddLast(entry.Node);
        Prune(records, now);
        return entry.Version;
    }

    /// <summary>Drops the oldest writes beyond the cap, and expired records from the old end.</summary>
    private void Prune(Collection records, DateTimeOffset now)
    {
        while (records.Order.First is { Value: var oldest }
               && (records.Order.Count > maxPerCollection || oldest.Record.ExpireAt <= now))
        {
            records.Order.RemoveFirst();
            records.ById.Remove(oldest.Id);
        }
    }

    private sealed class Collection
    {
        public Dictionary<string, Entry> ById { get; } = new(StringComparer.Ordinal);

        public LinkedList<Entry> Order { get; } = new();
    }

    private sealed class Entry
    {
        public Entry(string id, StateRecord record, string version)
        {
            Id = id;
            Record = record;
            Version = version;
            Node = new LinkedListNode<Entry>(this);
        }

        public string Id { get; }

        public StateRecord Record { get; }

        public string Version { get; }

        public LinkedListNode<Entry> Node { get; }
    }
}
