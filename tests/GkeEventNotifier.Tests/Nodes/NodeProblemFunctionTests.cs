using System.Net;
using GkeEventNotifier.Tests.Cli;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Host;

namespace GkeEventNotifier.Tests.Nodes;

/// <summary>Node problems through the function host (Pub/Sub push in, Slack out) and through <c>gke-events replay</c>.</summary>
public sealed class NodeProblemFunctionTests
{
    [Fact]
    public async Task ConditionTrueThenFalse_ThroughTheFunction_OpensAThreadAndResolvesIt()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        await using var factory = new FunctionFactory(FakeSlackServerSettings.BotToken(slack).Settings);
        var client = factory.CreateClient();

        var now = TimeProvider.System.GetUtcNow(); // the host's own clock: an incident's record lives from its events' time
        var opened = await client.SendAsync(HttpRequests.Post("/", Samples.PushBody(TestEntries.LoggedAt(TestEntries.Sample("keep-node-condition-true"), now.AddMinutes(-103)).ToJsonString(), "5001"), "application/json"));
        var closed = await client.SendAsync(HttpRequests.Post("/", Samples.PushBody(TestEntries.LoggedAt(TestEntries.Sample("keep-node-condition-false"), now).ToJsonString(), "5002"), "application/json"));

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var posts = slack.Calls("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("Node condition KernelDeadlock is True on gke-shop-eu1-default-pool-7f3a9c21-x2kq since ", posts[0].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("*Node pool*\\ndefault-pool", posts[0].Body, StringComparison.Ordinal);
        Assert.Equal(slack.ChannelMessages[0].Ts, posts[1].Json!.Value.GetProperty("thread_ts").GetString());
        Assert.StartsWith(":white_check_mark: Node gke-shop-eu1-default-pool-7f3a9c21-x2kq: KernelDeadlock is False again after 1 h 43 min (KernelHasNoDeadlock)", posts[1].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(":white_check_mark: Resolved: ", Assert.Single(slack.Calls("chat.update")).Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayOfTheNodeSample_AlertsTheProblems_ResolvesTwoAndDropsTheNoise()
    {
        var (code, output, error) = await ReplayCommandTests.Run(["replay", "--pods", Samples.Path_("pods/shop-eu1-pods.json"), Samples.Path_("node-problems-export.json")]);

        Assert.Equal(0, code);
        Assert.Contains("KernelOops: Node gke-shop-eu1-default-pool-7f3a9c21-x2kq", output, StringComparison.Ordinal);
        Assert.Contains("Workloads: DaemonSet kube-system/fluent-bit, Deployment shop/orders-api, Deployment shop/storefront-ssr", output, StringComparison.Ordinal);
        Assert.Contains("Resolved: Node gke-shop-eu1-default-pool-7f3a9c21-x2kq is Ready again after 12 min", output, StringComparison.Ordinal);
        Assert.Contains("Resolved: Node gke-shop-eu1-default-pool-7f3a9c21-x2kq: KernelDeadlock is False again after 1 h 43 min (KernelHasNoDeadlock)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("KubeletStart", output, StringComparison.Ordinal);
        Assert.EndsWith(
            "10 entries read: 6 alerted (printed; no Slack setting), 3 dropped by the filter or a drop rule, 0 not Kubernetes events (text lines, audit log entries), 1 needing no alert (recoveries with nothing open to resolve), 0 rejected",
            error.Trim(),
            StringComparison.Ordinal);
    }
}
