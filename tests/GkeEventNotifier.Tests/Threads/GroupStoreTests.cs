using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>
/// Open groups are kept in memory per instance: bounded however many distinct workloads fail at once, and forgotten in
/// expiry order, so the groups still alerting keep their threads.
/// </summary>
public sealed class GroupStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 14, 3, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>A receiver without history: what memory forgets is gone, so these tests see memory alone.</summary>
    private static readonly Receiver Webhook = new("webhook", new ConsoleSlackClient(TextWriter.Null), null, null, CanThread: false);

    [Fact]
    public void AFloodOfDistinctOpenGroups_KeepsAtMostTheBound()
    {
        var store = new GroupStore();

        for (var i = 0; i < 10_000; i++)
        {
            var at = Start.AddMilliseconds(i);
            store.Remember(Slot(i), GroupState.Start($"group-{i}", $"pod-{i}", null, at), at, Window);
        }

        Assert.Equal(GroupStore.MaxRemembered, store.Count);
    }

    [Fact]
    public async Task AFlood_ForgetsTheQuietestGroups_AndKeepsTheOneStillAlerting()
    {
        var store = new GroupStore();
        store.Remember(Slot(0), GroupState.Start("group-0", "pod-0", null, Start), Start, Window);
        store.Remember(Slot(1), GroupState.Start("group-1", "pod-1", null, Start), Start, Window);
        var later = Start.AddMinutes(10);
        var continued = GroupState.Start("group-0", "pod-0", null, Start).Add("pod-0b", null, later);
        store.Remember(Slot(0), continued, later, Window);

        for (var i = 2; i <= GroupStore.MaxRemembered; i++)
        {
            var at = Start.AddMinutes(1).AddMilliseconds(i);
            store.Remember(Slot(i), GroupState.Start($"group-{i}", $"pod-{i}", null, at), at, Window);
        }

        var now = later.AddSeconds(1);
        Assert.Equal(2, (await store.FindOpenAsync(Webhook, Slot(0), "group-0", now, Window, CancellationToken.None))?.Count);
        Assert.Null(await store.FindOpenAsync(Webhook, Slot(1), "group-1", now, Window, CancellationToken.None));
        Assert.NotNull(await store.FindOpenAsync(Webhook, Slot(2), "group-2", now, Window, CancellationToken.None));
    }

    [Fact]
    public async Task ResolvedAndExpiredGroups_AreForgottenBeforeAnyOpenOne()
    {
        var store = new GroupStore();
        store.Remember(Slot(0), GroupState.Start("group-0", "pod-0", null, Start) with { Resolved = true }, Start, TimeSpan.FromDays(8));
        store.Remember(Slot(1), GroupState.Start("group-1", "pod-1", null, Start), Start, TimeSpan.FromMinutes(5));
        var open = GroupState.Start("group-2", "pod-2", null, Start);
        store.Remember(Slot(2), open, Start, Window);

        var now = Start.AddMinutes(6);
        store.Remember(Slot(3), GroupState.Start("group-3", "pod-3", null, now), now, Window);

        Assert.Equal(2, store.Count);
        Assert.Same(open, await store.FindOpenAsync(Webhook, Slot(2), "group-2", now, Window, CancellationToken.None));
    }

    private static string Slot(int i) => $"webhook\ngroup-{i}";
}
