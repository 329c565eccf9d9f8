using GkeEventNotifier.Adapters.State;
using GkeEventNotifier.Model.State;
using Microsoft.Extensions.Time.Testing;

namespace GkeEventNotifier.Tests.AlertState;

/// <summary>The in-memory store: the shared contract, and its memory bound.</summary>
public sealed class MemoryAlertStateStoreTests : AlertStateStoreContract
{
    private protected override IAlertStateStore Store { get; } = new MemoryAlertStateStore(TimeProvider.System, 10_000);

    [Fact]
    public async Task BeyondItsCap_ForgetsTheLeastRecentlyWrittenRecordsFirst()
    {
        var store = new MemoryAlertStateStore(new FakeTimeProvider(DateTimeOffset.UtcNow), maxPerCollection: 100);
        var versions = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            versions.Add((await store.TryCreateAsync(RecordKey.For("ledger", $"event {i}"), Record(i), default))!);
        }

        await store.TryReplaceAsync(RecordKey.For("ledger", "event 50"), Record(50), versions[50], default);
        await store.TryCreateAsync(RecordKey.For("ledger", "event 150"), Record(150), default);

        Assert.Equal(100, store.Count("ledger"));
        Assert.Null(await store.ReadAsync(RecordKey.For("ledger", "event 51"), default));
        Assert.NotNull(await store.ReadAsync(RecordKey.For("ledger", "event 50"), default));
        Assert.NotNull(await store.ReadAsync(RecordKey.For("ledger", "event 52"), default));
    }

    private static StateRecord Record(int i) => StateRecord.Expiring(DateTimeOffset.UtcNow.AddHours(1)).With("i", i);
}
