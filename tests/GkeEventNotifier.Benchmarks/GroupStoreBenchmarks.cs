using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// What the thread-group memory costs one alert (find its open group, remember the new state) while 10, 1,000 or
/// 10,000 groups are open, next to the eviction it replaced (a scan and sort of every group once more than
/// <see cref="GroupStore.MaxRemembered"/> are open), in the same run. Alerts go round the open groups, so beyond the
/// bound every alert finds its group forgotten and starts it again, the case a flood of distinct workloads makes.
/// </summary>
[MemoryDiagnoser]
public class GroupStoreBenchmarks
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(3650);
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 14, 3, TimeSpan.Zero);
    private static readonly Receiver Webhook = new("webhook", new ConsoleSlackClient(TextWriter.Null), null, null, CanThread: false);

    /// <summary>Alerts per invocation: enough that one invocation outlasts the timer's resolution on a loaded machine.</summary>
    private const int Alerts = 1_000;

    private readonly GroupStore store = new();
    private readonly ScanEvictingGroups scanning = new();
    private string[] slots = [];
    private GroupState[] fresh = [];
    private int next;
    private DateTimeOffset now;

    [Params(10, 1_000, 10_000)]
    public int OpenGroups { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        slots = [.. Enumerable.Range(0, OpenGroups).Select(i => $"webhook\ngroup-{i}")];
        fresh = [.. Enumerable.Range(0, OpenGroups).Select(i => GroupState.Start($"group-{i}", $"pod-{i}", null, Start))];
        now = Start;
        for (var i = 0; i < OpenGroups; i++)
        {
            store.Remember(slots[i], fresh[i], now, Window);
            scanning.Remember(slots[i], fresh[i], now, Window);
        }
    }

    [Benchmark(Description = "group memory per alert, expiry order", OperationsPerInvoke = Alerts)]
    public async Task<int> ExpiryOrder()
    {
        var count = 0;
        for (var i = 0; i < Alerts; i++)
        {
            var (slot, started) = Next();
            var open = await store.FindOpenAsync(Webhook, slot, started.KeyId, now, Window, CancellationToken.None);
            var state = (open ?? started) with { Last = now };
            store.Remember(slot, state, now, Window);
            count += state.Count;
        }

        return count;
    }

    [Benchmark(Baseline = true, Description = "group memory per alert, scan eviction (before)", OperationsPerInvoke = Alerts)]
    public int ScanEviction()
    {
        var count = 0;
        for (var i = 0; i < Alerts; i++)
        {
            var (slot, started) = Next();
            var open = scanning.FindOpen(slot, now, Window);
            var state = (open ?? started) with { Last = now };
            scanning.Remember(slot, state, now, Window);
            count += state.Count;
        }

        return count;
    }

    private (string Slot, GroupState Started) Next()
    {
        now = now.AddTicks(1);
        next = next + 1 == slots.Length ? 0 : next + 1;
        return (slots[next], fresh[next]);
    }

    /// <summary>The eviction <see cref="GroupStore"/> used before it kept groups in expiry order, kept here as the baseline.</summary>
    private sealed class ScanEvictingGroups
    {
        private readonly ConcurrentDictionary<string, GroupState> memory = new(StringComparer.Ordinal);

        public GroupState? FindOpen(string slot, DateTimeOffset now, TimeSpan window) =>
            memory.TryGetValue(slot, out var known) && known.IsOpenAt(now, window) ? known : null;

        public void Remember(string slot, GroupState state, DateTimeOffset now, TimeSpan window)
        {
            memory[slot] = state;
            if (memory.Count <= GroupStore.MaxRemembered)
            {
                return;
            }

            foreach (var closed in memory.Where(pair => !pair.Value.IsOpenAt(now, window)).Select(pair => pair.Key).ToList())
            {
                memory.TryRemove(closed, out _);
            }

            var excess = memory.Count - (GroupStore.MaxRemembered * 3 / 4);
            foreach (var old in memory.OrderBy(pair => pair.Value.Last).Take(Math.Max(0, excess)).Select(pair => pair.Key).ToList())
            {
                memory.TryRemove(old, out _);
            }
        }
    }
}
