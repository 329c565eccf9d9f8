using GkeEventNotifier.Adapters.State;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Tests.Nodes;

/// <summary>
/// A node's lasting problems through the function's pipeline, against a fake Slack and a fake Kubernetes API: a
/// condition change to True or NodeNotReady opens an incident (a thread with the node's context); False, NodeReady or
/// the node's removal resolves it in the thread and marks the first alert resolved. Times are the events' own (the
/// samples': condition True 08:05:02, NotReady 08:07:30, Ready 08:19:45, False 09:48:02, RemovingNode 10:30:00).
/// </summary>
public sealed class NodeProblemThreadTests : FakeSlackAndClusterOnFakeClock
{
    private const string Node = TestEntries.Node;

    [Fact]
    public async Task ConditionTrue_OpensAnAlertWithTheNodesPoolPodsAndWorkloads()
    {
        AddPods();
        await using var function = Function();

        var outcome = await function.SendAsync(TestEntries.Sample("keep-node-condition-true"));

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        var post = Assert.Single(Slack.Calls("chat.postMessage"));
        Assert.StartsWith($"Node condition KernelDeadlock is True on {Node} since 2026-11-21 08:05 UTC · open until KernelDeadlock is False again or the node is gone", post.Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("*Node pool*\ndefault-pool", post.Text, StringComparison.Ordinal);
        Assert.Contains("*Pods on the node*\n4", post.Text, StringComparison.Ordinal);
        Assert.Contains("*Workloads*\nDeployment shop/checkout-api ×2, CronJob billing/invoice-export, DaemonSet kube-system/fluentbit-gke", post.Text, StringComparison.Ordinal);
        Assert.Contains(Cluster.Requests, r => r.Contains("fieldSelector=spec.nodeName%3D" + Node, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConditionTrueThenFalse_ResolvesInTheThread_AcrossAColdStart()
    {
        AddPods();
        var state = new MemoryAlertStateStore(Time, 1000); // what ALERT_STATE=firestore gives every instance
        await using (var before = Function(services => services.AddSingleton<IAlertStateStore>(state)))
        {
            await before.SendAsync(TestEntries.Sample("keep-node-condition-true"));
        }

        Time.Advance(TimeSpan.FromMinutes(103));
        await using var after = Function(services => services.AddSingleton<IAlertStateStore>(state));
        var outcome = await after.SendAsync(TestEntries.Sample("keep-node-condition-false"));

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        var first = Assert.Single(Slack.ChannelMessages);
        var reply = Slack.Calls("chat.postMessage")[^1].Json!.Value;
        Assert.Equal(first.Ts, reply.GetProperty("thread_ts").GetString());
        Assert.Equal($":white_check_mark: Node {Node}: KernelDeadlock is False again after 1 h 43 min (KernelHasNoDeadlock)", reply.GetProperty("text").GetString());
        var resolved = Slack.Calls("chat.update")[^1].Json!.Value;
        Assert.Equal(first.Ts, resolved.GetProperty("ts").GetString());
        Assert.StartsWith($":white_check_mark: Resolved: Node {Node}: KernelDeadlock is False again", resolved.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("true", first.Metadata!.Value.GetProperty("event_payload").GetProperty("resolved").GetString());
    }

    [Fact]
    public async Task NotReadyThenReady_OneThreadResolved_AndASecondReadyPostsNothing()
    {
        await using var function = Function();
        await function.SendAsync(TestEntries.Sample("keep-node-notready"));
        Time.Advance(TimeSpan.FromMinutes(12));

        var ready = await function.SendAsync(TestEntries.Sample("keep-node-ready"));
        var again = await function.SendAsync(TestEntries.Sample("keep-node-ready"));

        Assert.Equal(OutcomeKind.Alerted, ready.Kind);
        Assert.Equal(OutcomeKind.NoAlert, again.Kind);
        var posts = Slack.Calls("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.StartsWith($"Node {Node} is not Ready since ", posts[0].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal($":white_check_mark: Node {Node} is Ready again after 12 min", posts[1].Json!.Value.GetProperty("text").GetString());
    }

    [Fact]
    public async Task NodeRemoved_ResolvesEveryOpenProblemOfThatNode_AndNoOtherNodes()
    {
        const string other = "gke-shop-eu1-default-pool-7f3a9c21-b7rd";
        await using var function = Function();
        await function.SendAsync(TestEntries.Sample("keep-node-condition-true"));
        await function.SendAsync(TestEntries.Sample("keep-node-notready"));
        await function.SendAsync(TestEntries.Sample("keep-node-notready", other));
        Time.Advance(TimeSpan.FromHours(2));

        var outcome = await function.SendAsync(TestEntries.Sample("keep-node-removing"));

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        Assert.Contains($"Node {Node} (KernelDeadlock), Node {Node} (NotReady) recovered", outcome.Detail, StringComparison.Ordinal);
        var replies = Slack.Calls("chat.postMessage").Skip(3).Select(r => r.Json!.Value.GetProperty("text").GetString()).Order().ToList();
        Assert.Equal(
            [
                $":white_check_mark: Node {Node} is gone (RemovingNode): KernelDeadlock closed after 2 h 24 min",
                $":white_check_mark: Node {Node} is gone (RemovingNode): not Ready closed after 2 h 22 min",
            ],
            replies);
        var stillOpen = Slack.ChannelMessages.Where(m => m.Metadata!.Value.GetProperty("event_payload").GetProperty("resolved").GetString() == "false").ToList();
        Assert.Contains(other, Assert.Single(stillOpen).Metadata!.Value.GetProperty("event_payload").GetProperty("key").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConditionReportedTrueAgain_RepliesInItsThread_AndCountsOnTheFirstAlert()
    {
        await using var function = Function();
        await function.SendAsync(TestEntries.Sample("keep-node-condition-true"));
        Time.Advance(TimeSpan.FromMinutes(30));

        await function.SendAsync(TestEntries.Sample("keep-node-condition-true"));

        var first = Assert.Single(Slack.ChannelMessages);
        var reply = Slack.Calls("chat.postMessage")[^1].Json!.Value;
        Assert.Equal(first.Ts, reply.GetProperty("thread_ts").GetString());
        Assert.Contains("(reported 2 times)", Slack.Calls("chat.update")[^1].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("2", first.Metadata!.Value.GetProperty("event_payload").GetProperty("count").GetString());
    }

    [Fact]
    public async Task PassingProblemsOfOneNode_RepeatIntoOneThreadWithACounter()
    {
        await using var function = Function();
        await function.SendAsync(TestEntries.Sample("keep-node-kerneloops"));
        Time.Advance(TimeSpan.FromMinutes(4));

        await function.SendAsync(TestEntries.Sample("keep-node-kerneloops"));

        var first = Assert.Single(Slack.ChannelMessages);
        Assert.Equal(first.Ts, Slack.Calls("chat.postMessage")[^1].Json!.Value.GetProperty("thread_ts").GetString());
        Assert.StartsWith($"1 node KernelOops on {Node}: 2 events in 4 min", Slack.Calls("chat.update")[^1].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConditionFalseWithoutAnOpenProblem_PostsNothing()
    {
        await using var function = Function();

        var outcome = await function.SendAsync(TestEntries.Sample("keep-node-condition-false"));

        Assert.Equal(OutcomeKind.NoAlert, outcome.Kind);
        Assert.Empty(Slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task ClusterUnreadable_TheAlertStillGoesOut_SayingWhy()
    {
        Cluster.FailWith = System.Net.HttpStatusCode.Forbidden;
        await using var function = Function();

        var outcome = await function.SendAsync(TestEntries.Sample("keep-node-taskhung"));

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        var post = Assert.Single(Slack.Calls("chat.postMessage"));
        Assert.Contains("Pods on the node unknown: ", post.Text, StringComparison.Ordinal);
        Assert.Contains("*Node pool*\ndefault-pool", post.Text, StringComparison.Ordinal);
    }

    private void AddPods()
    {
        Cluster.AddPod(new PodBuilder("shop", "checkout-api-6d8f7b9c5d-qz4lp", Node).OwnedBy("ReplicaSet", "checkout-api-6d8f7b9c5d").Running("api", "c1").Build());
        Cluster.AddPod(new PodBuilder("shop", "checkout-api-6d8f7b9c5d-w8x2v", Node).OwnedBy("ReplicaSet", "checkout-api-6d8f7b9c5d").Running("api", "c2").Build());
        Cluster.AddPod(new PodBuilder("billing", "invoice-export-29376540-r2k7x", Node).OwnedBy("Job", "invoice-export-29376540").Running("export", "c3").Build());
        Cluster.AddPod(new PodBuilder("kube-system", "fluentbit-gke-7xk2p", Node).OwnedBy("DaemonSet", "fluentbit-gke").Running("fluentbit", "c4").Build());
        Cluster.AddPod(new PodBuilder("shop", "cart-5f9c8d7b6-h2xvn", "gke-shop-eu1-default-pool-7f3a9c21-b7rd").OwnedBy("ReplicaSet", "cart-5f9c8d7b6").Running("cart", "c5").Build());
    }
}
