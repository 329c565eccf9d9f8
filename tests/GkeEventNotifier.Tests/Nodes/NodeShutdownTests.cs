using System.Net;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Host;

namespace GkeEventNotifier.Tests.Nodes;

/// <summary>
/// A node shutting down as the cluster logs it (the kubelet's graceful node shutdown, which is how a Spot or preemptible
/// VM's preemption shows in the events): the node's not-Ready alert opens with it, the kubelet's NodeNotReady joins it,
/// and NodeReady resolves it when the VM is back under its name.
/// </summary>
public sealed class NodeShutdownTests
{
    private const string SpotNode = "gke-shop-eu1-spot-pool-3c9e41d7-w5nb";

    [Fact]
    public async Task SpotPreemption_OpensTheNodesNotReadyThread_NotReadyJoinsIt_AndNodeReadyResolvesIt()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        await using var factory = new FunctionFactory(FakeSlackServerSettings.BotToken(slack).Settings);
        var client = factory.CreateClient();
        var now = TimeProvider.System.GetUtcNow(); // the host's own clock: an incident's record lives from its events' time

        var shutdown = await PostAsync(client, TestEntries.LoggedAt(TestEntries.Sample("keep-node-shutdown"), now.AddMinutes(-12)), "6101");
        var notReady = await PostAsync(client, TestEntries.LoggedAt(TestEntries.Sample("keep-node-notready", SpotNode), now.AddMinutes(-12).AddSeconds(20)), "6102");
        var ready = await PostAsync(client, TestEntries.LoggedAt(TestEntries.Sample("keep-node-ready", SpotNode), now), "6103");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { shutdown, notReady, ready });
        var first = Assert.Single(slack.ChannelMessages);
        var posts = slack.Calls("chat.postMessage");
        Assert.StartsWith($"Node {SpotNode} is not Ready since ", posts[0].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Shutdown manager detected shutdown event", posts[0].Body, StringComparison.Ordinal);
        Assert.Contains("*Node pool*\\nspot-pool", posts[0].Body, StringComparison.Ordinal);
        Assert.All(posts.Skip(1), post => Assert.Equal(first.Ts, post.Json!.Value.GetProperty("thread_ts").GetString()));
        Assert.StartsWith($":white_check_mark: Node {SpotNode} is Ready again after 12 min", posts[^1].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("true", first.Metadata!.Value.GetProperty("event_payload").GetProperty("resolved").GetString());
    }

    [Fact]
    public async Task ShutdownCancelled_IsDroppedByTheDefaultFilter()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        await using var factory = new FunctionFactory(FakeSlackServerSettings.BotToken(slack).Settings);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(factory.CreateClient(), TestEntries.Sample("drop-node-shutdown-cancelled"), "6104"));

        Assert.Empty(slack.Requests);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, System.Text.Json.Nodes.JsonObject entry, string messageId)
    {
        using var response = await client.SendAsync(HttpRequests.Post("/", Samples.PushBody(entry.ToJsonString(), messageId), "application/json"));
        return response.StatusCode;
    }
}
