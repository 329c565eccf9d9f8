using System.Collections.Concurrent;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// Shares one in-flight call per key and keeps its answer for a short time, so a burst of events about one node costs
/// one API request. Keys are names from events, which whoever writes to the events log chooses, so the cache is bounded:
/// at <c>capacity</c> keys, expired answers go first, then the oldest. A failed call is dropped as soon as it fails:
/// the next caller tries again, and a failure (with whatever its exception holds) is never kept. Time comes from
/// <see cref="TimeProvider"/>.
/// </summary>
internal sealed class SingleFlightCache<TKey, TValue>(TimeProvider time, TimeSpan lifetime, int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> entries = new();
    private readonly Lock trimming = new();

    /// <summary>Keys held now (in flight or answered).</summary>
    public int Count => entries.Count;

    /// <summary>
    /// The shared call runs without any one caller's token (a caller that gives up must not fail the others);
    /// each caller waits only as long as its own token allows.
    /// </summary>
    public Task<TValue> GetAsync(TKey key, Func<TKey, Task<TValue>> load, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (entries.Count >= capacity && !entries.ContainsKey(key))
        {
            Trim(now);
        }

        var entry = entries.AddOrUpdate(
            key,
            k => new Entry(k, load, now, Forget),
            (k, existing) => existing.IsFreshAt(now, lifetime) ? existing : new Entry(k, load, now, Forget));
        return entry.Task.WaitAsync(cancellationToken);
    }

    private void Forget(TKey key, Entry entry) => entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));

    /// <summary>Expired answers first; then the oldest, down to three quarters of the capacity, so trimming is rare.</summary>
    private void Trim(DateTimeOffset now)
    {
        lock (trimming)
        {
            foreach (var (key, entry) in entries)
            {
                if (!entry.IsFreshAt(now, lifetime))
                {
                    Forget(key, entry);
                }
            }

            var excess = entries.Count - (capacity * 3 / 4);
            if (excess > 0)
            {
                foreach (var (key, entry) in entries.OrderBy(pair => pair.Value.StartedAt).Take(excess).ToList())
                {
                    Forget(key, entry);
                }
            }
        }
    }

    /// <summary>Lazy, because the dictionary may build an entry it then discards: only the stored one may start a call.</summary>
    private sealed class Entry
    {
        private readonly Lazy<Task<TValue>> task;

        public Entry(TKey key, Func<TKey, Task<TValue>> load, DateTimeOffset startedAt, Action<TKey, Entry> forget)
        {
            StartedAt = startedAt;
            task = new(() => Run(key, load, forget));
        }

        public DateTimeOffset StartedAt { get; }

        public Task<TValue> Task => task.Value;

        /// <summary>In flight, or finished successfully less than the lifetime ago.</summary>
        public bool IsFreshAt(DateTimeOffset now, TimeSpan lifetime) =>
            !task.IsValueCreated || !task.Value.IsCompleted || (task.Value.IsCompletedSuccessfully && now - StartedAt < lifetime);

        private async Task<TValue> Run(TKey key, Func<TKey, Task<TValue>> load, Action<TKey, Entry> forget)
        {
            await System.Threading.Tasks.Task.Yield();
            try
            {
                return await load(key);
            }
            catch
            {
                forget(key, this);
                throw;
            }
        }
    }
}
