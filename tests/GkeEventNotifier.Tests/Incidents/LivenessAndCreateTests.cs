using static GkeEventNotifier.Tests.TestEntries;

namespace GkeEventNotifier.Tests.Incidents;

/// <summary>Liveness-probe kills (resolved by the re-check) and pods a controller cannot create (resolved by its SuccessfulCreate).</summary>
public sealed class LivenessAndCreateTests : IncidentScenario
{
    [Fact]
    public async Task LivenessProbeKills_OneThread_ResolvedByTheSweep()
    {
        var function = Function();
        await SendAsync(function, LivenessKill(CartPod(0), Start));
        await SendAsync(function, LivenessKill(CartPod(1), Start + TimeSpan.FromMinutes(1)));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 3));
        Cluster.AddPod(RunningPod(CartPod(1), ready: true, restarts: 2));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(4));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(14));

        var posts = Posts();
        Assert.Equal(3, posts.Count);
        Assert.StartsWith("liveness probe: Deployment shop/cart · ", posts[0], StringComparison.Ordinal);
        Assert.StartsWith("liveness probe: failure 2 · ", posts[1], StringComparison.Ordinal);
        Assert.Equal(":white_check_mark: Deployment shop/cart recovered after 4 min (liveness probe: pods Ready, restart counts unchanged for 10 min)", posts[2]);
    }

    [Fact]
    public async Task QuotaThenWebhookDenial_OneThread_ResolvedBySuccessfulCreate_WithoutReadingTheCluster()
    {
        var function = Function();
        await SendAsync(function, OnReplicaSet("keep-failedcreate-quota", Start));
        await SendAsync(function, OnReplicaSet("keep-failedcreate-admission-webhook", Start + TimeSpan.FromMinutes(2)));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(5));

        await SendAsync(function, OnReplicaSet("keep-successfulcreate-replicaset", Start + TimeSpan.FromMinutes(31)));

        var first = Assert.Single(Slack.ChannelMessages);
        var posts = Posts();
        Assert.Equal(3, posts.Count);
        Assert.StartsWith("pod creation: Deployment shop/cart · ", posts[0], StringComparison.Ordinal);
        Assert.Contains("exceeded quota: shop-compute", posts[0], StringComparison.Ordinal);
        Assert.Contains("admission webhook", Slack.Calls("chat.postMessage")[1].Text, StringComparison.Ordinal);
        Assert.Equal(":white_check_mark: Deployment shop/cart recovered after 31 min (pod creation: Created pod: cart-7d9f6c5b8-r5tnx)", posts[2]);
        Assert.Equal("true", first.Metadata!.Value.GetProperty("event_payload").GetProperty("resolved").GetString());
        Assert.Empty(Cluster.Requests);
    }

    [Fact]
    public async Task SuccessfulCreateWithNothingOpen_CallsNeitherSlackNorTheCluster()
    {
        var function = Function();

        await SendAsync(function, OnReplicaSet("keep-successfulcreate-replicaset", Start));

        Assert.Empty(Slack.Requests);
        Assert.Empty(Cluster.Requests);
    }
}
