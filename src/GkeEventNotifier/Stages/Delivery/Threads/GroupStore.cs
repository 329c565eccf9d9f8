using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>
/// Open groups, in memory and in Slack. Memory answers when it can; when it cannot (cold start, or another instance
/// opened the group) the channel's recent history is read back and the group's state taken from the metadata of its
/// first message. Receivers without history (webhooks, the console) keep only CronJob runs here;
/// their alert groups are in the shared alert state (<see cref="SharedGroups"/>).
/// One alert per group at a time (striped locks), so counters never skip or repeat within an instance.
/// Memory is bounded and kept in expiry order, as the alert ledger is: groups that can no longer continue are dropped
/// as new ones arrive, and beyond <see cref="MaxRemembered"/> the group closest to expiring goes first, so an alert
/// costs the same with ten open groups or ten thousand.
/// </summary>
internal sealed class GroupStore
{
    internal const int MaxRemembered = 2048;

    /// <summary>
    /// How long one history read answers for every new group of a channel: a storm of distinct alerts costs one
    /// conversations.history call per channel per interval (Tier 3), not one per alert.
    /// </summary>
    private static readonly TimeSpan HistoryReuse = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (DateTimeOffset ReadAt, Task<IReadOnlyList<SlackHistoryMessage>> Messages)> histories = new(StringComparer.Ordinal);
    private readonly Lock historiesGate = new();
    private readonly Dictionary<string, Remembered> memory = new(StringComparer.Ordinal);
    private readonly SortedSet<Remembered> byExpiry = new(Remembered.ExpiryOrder);
    private readonly Lock memoryGate = new();
    private long written;
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> LockAsync(string slot, CancellationToken cancellationToken)
    {
        var stripe = stripes[(uint)StringComparer.Ordinal.GetHashCode(slot) % (uint)stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    public async Task<GroupState?> FindOpenAsync(Receiver receiver, string slot, string keyId, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        if (Recall(slot) is { } known && known.IsOpenAt(now, window))
        {
            return known;
        }

        if (!receiver.CanThread || receiver.Channel is null)
        {
            return null;
        }

        var history = await HistoryAsync(receiver, now, window, cancellationToken);
        var found = history
            .Select(message => GroupState.FromMessage(receiver.Channel, message))
            .Where(state => state is not null && state.KeyId == keyId && state.IsOpenAt(now, window))
            .MaxBy(state => state!.Last);
        if (found is not null)
        {
            Remember(slot, found, now, window);
        }

        return found;
    }

    /// <summary>
    /// Every open group whose key starts with <paramref name="keyPrefix"/> (a node's problems when the node is gone), from
    /// memory and from the channel's recent history; the newest state of each key.
    /// </summary>
    public async Task<IReadOnlyList<GroupState>> FindOpenWithPrefixAsync(Receiver receiver, string keyPrefix, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var slotPrefix = $"{receiver.Name}\n{keyPrefix}";
        List<GroupState> found;
        lock (memoryGate)
        {
            found = memory.Where(pair => pair.Key.StartsWith(slotPrefix, StringComparison.Ordinal)).Select(pair => pair.Value.State).ToList();
        }
        if (receiver.CanThread && receiver.Channel is not null)
        {
            var history = await HistoryAsync(receiver, now, window, cancellationToken);
            found.AddRange(history.Select(message => GroupState.FromMessage(receiver.Channel, message))
                .Where(state => state is not null && state.KeyId.StartsWith(keyPrefix, StringComparison.Ordinal))!);
        }

        return found.GroupBy(state => state.KeyId, StringComparer.Ordinal)
            .Select(group => group.MaxBy(state => (state.Resolved, state.Last))!)
            .Where(state => state.IsOpenAt(now, window))
            .ToList();
    }

    /// <summary>
    /// Single-flight: alerts that arrive while a read is on its way wait for it instead of starting their own. The shared
    /// read runs without any one caller's token (the client's time budget bounds it); a failed read is not reused.
    /// </summary>
    private Task<IReadOnlyList<SlackHistoryMessage>> HistoryAsync(Receiver receiver, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var channel = receiver.Channel!;
        var reading = $"{channel}\n{window.Ticks}";
        Task<IReadOnlyList<SlackHistoryMessage>> messages;
        lock (historiesGate)
        {
            if (histories.TryGetValue(reading, out var recent) && IsReusable(recent, now))
            {
                messages = recent.Messages;
            }
            else
            {
                messages = receiver.Client.HistoryAsync(channel, now - window, CancellationToken.None);
                histories[reading] = (now, messages);
            }
        }

        return messages.WaitAsync(cancellationToken);
    }

    private static bool IsReusable((DateTimeOffset ReadAt, Task<IReadOnlyList<SlackHistoryMessage>> Messages) read, DateTimeOffset now) =>
        !read.Messages.IsCompleted || (read.Messages.IsCompletedSuccessfully && now - read.ReadAt < HistoryReuse);

    /// <summary>Groups remembered now.</summary>
    public int Count
    {
        get
        {
            lock (memoryGate)
            {
                return memory.Count;
            }
        }
    }

    /// <summary>
    /// Keeps the group until it can no longer continue (its last alert plus the window; a resolved group at once).
    /// Groups past that point are dropped from the old end, and beyond <see cref="MaxRemembered"/> the one that expires
    /// first: a flood of distinct workloads forgets the quietest open groups, which are read back from Slack when they
    /// continue. Each step is one ordered insert or removal, never a scan of every group.
    /// </summary>
    public void Remember(string slot, GroupState state, DateTimeOffset now, TimeSpan window)
    {
        var expiry = state.Resolved ? now : state.Last + window;
        lock (memoryGate)
        {
            Remove(slot);
            var entry = new Remembered(slot, state, expiry, ++written);
            memory[slot] = entry;
            byExpiry.Add(entry);
            while (byExpiry.Min is { } first && (memory.Count > MaxRemembered || first.Expiry < now))
            {
                Remove(first.Slot);
            }
        }
    }

    public void Forget(string slot)
    {
        lock (memoryGate)
        {
            Remove(slot);
        }
    }

    private GroupState? Recall(string slot)
    {
        lock (memoryGate)
        {
            return memory.TryGetValue(slot, out var entry) ? entry.State : null;
        }
    }

    private void Remove(string slot)
    {
        if (memory.Remove(slot, out var old))
        {
            byExpiry.Remove(old);
        }
    }

    /// <summary>A remembered group; <see cref="Written"/> orders groups that expire at the same instant.</summary>
    private sealed record Remembered(string Slot, GroupState State, DateTimeOffset Expiry, long Written)
    {
        public static readonly IComparer<Remembered> ExpiryOrder = Comparer<Remembered>.Create((a, b) =>
            a.Expiry != b.Expiry ? a.Expiry.CompareTo(b.Expiry) : a.Written.CompareTo(b.Written));
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
