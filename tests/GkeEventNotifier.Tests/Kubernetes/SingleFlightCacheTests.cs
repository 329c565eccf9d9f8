using GkeEventNotifier.Adapters.Kubernetes;
using Microsoft.Extensions.Time.Testing;

namespace GkeEventNotifier.Tests.Kubernetes;

/// <summary>
/// The caches in front of the Kubernetes and GKE APIs (a node's pods, owners, cluster clients) are keyed by names
/// from events, which anyone who can write to the events log chooses: they stay bounded and keep no failure.
/// </summary>
public sealed class SingleFlightCacheTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 20, 9, 14, 3, TimeSpan.Zero));

    [Fact]
    public async Task AFloodOfDistinctKeys_KeepsAtMostTheCapacity()
    {
        var cache = new SingleFlightCache<string, string>(time, TimeSpan.FromMinutes(10), capacity: 100);

        for (var i = 0; i < 10_000; i++)
        {
            await cache.GetAsync($"node-{i}", key => Task.FromResult(key), CancellationToken.None);
        }

        Assert.InRange(cache.Count, 1, 100);
    }

    [Fact]
    public async Task ExpiredAnswers_AreDropped_WhenNewKeysArrive()
    {
        var cache = new SingleFlightCache<string, string>(time, TimeSpan.FromSeconds(5), capacity: 100);
        for (var i = 0; i < 100; i++)
        {
            await cache.GetAsync($"node-{i}", key => Task.FromResult(key), CancellationToken.None);
        }

        time.Advance(TimeSpan.FromSeconds(6));
        await cache.GetAsync("node-new", key => Task.FromResult(key), CancellationToken.None);

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task AFailedCall_IsNotKept_AndTheNextCallerTriesAgain()
    {
        var cache = new SingleFlightCache<string, string>(time, TimeSpan.FromMinutes(10), capacity: 100);
        var calls = 0;

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("node-a", _ =>
            {
                calls++;
                return Task.FromException<string>(new InvalidOperationException("the API server is down"));
            }, CancellationToken.None));
        }

        Assert.Equal(3, calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task ConcurrentCallers_ShareOneCall()
    {
        var cache = new SingleFlightCache<string, string>(time, TimeSpan.FromMinutes(10), capacity: 100);
        var gate = new TaskCompletionSource<string>();
        var calls = 0;

        var waiting = Enumerable.Range(0, 5).Select(_ => cache.GetAsync("node-a", _ => { calls++; return gate.Task; }, CancellationToken.None)).ToList();
        gate.SetResult("pods");

        Assert.All(await Task.WhenAll(waiting), answer => Assert.Equal("pods", answer));
        Assert.Equal(1, calls);
    }
}
