using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>Open groups are kept in memory per instance: bounded however many distinct workloads fail at once.</summary>
public sealed class GroupStoreTests
{
    [Fact]
    public void AFloodOfDistinctOpenGroups_KeepsAtMostTheBound()
    {
        var store = new GroupStore();
        var now = new DateTimeOffset(2026, 11, 20, 9, 14, 3, TimeSpan.Zero);

        for (var i = 0; i < 10_000; i++)
        {
            var at = now.AddMilliseconds(i);
            store.Remember($"receiver\ngroup-{i}", GroupState.Start($"group-{i}", $"pod-{i}", null, at), at, TimeSpan.FromHours(1));
        }

        Assert.InRange(store.Count, 1, GroupStore.MaxRemembered);
    }
}
