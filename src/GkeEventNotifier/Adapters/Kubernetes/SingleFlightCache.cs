using System.Collections.Concurrent;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// Shares one in-flight call per key and keeps its answer for a short time, so a burst of events about one node costs
/// one API request. A failed call is not kept: the next caller tries again. Time comes from <see cref="TimeProvider"/>.
/// </summary>
internal sealed class SingleFlightCache<TKey, TValue>(TimeProvider time, TimeSpan lifetime)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> entries = new();

    /// <summary>
    /// The shared call runs without any one caller's token (a caller that gives up must not fail the others);
    /// each caller waits only as long as its own token allows.
    /// </summary>
    public Task<TValue> GetAsync(TKey key, Func<TKey, Task<TValue>> load, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = entries.AddOrUpdate(
            key,
            k => new Entry(k, load, now),
            (k, existing) => existing.IsFreshAt(now, lifetime) ? existing : new Entry(k, load, now));
        return entry.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Lazy, because the dictionary may build an entry it then discards: only the stored one may start a call.</summary>
    private sealed class Entry(TKey key, Func<TKey, Task<TValue>> load, DateTimeOffset startedAt)
    {
        private readonly Lazy<Task<TValue>> task = new(() => Run(key, load));

        public Task<TValue> Task => task.Value;

        /// <summary>In flight, or finished successfully less than the lifetime ago.</summary>
        public bool IsFreshAt(DateTimeOffset now, TimeSpan lifetime) =>
            !task.IsValueCreated || !task.Value.IsCompleted || (task.Value.IsCompletedSuccessfully && now - startedAt < lifetime);

        private static async Task<TValue> Run(TKey key, Func<TKey, Task<TValue>> load)
        {
            await System.Threading.Tasks.Task.Yield();
            return await load(key);
        }
    }
}
