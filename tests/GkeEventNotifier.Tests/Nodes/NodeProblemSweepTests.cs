using System.Net;
using GkeEventNotifier.Tests.Incidents;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Nodes;

/// <summary>
/// Node problems and the sweep (<c>gke-events-sweep=1</c>) through the published function: a condition still True is
/// restated once a day in its thread, never alerted again; a node the cluster no longer holds (or holds re-created)
/// closes its problems without a RemovingNode event; the sweep's only cluster read is one node's metadata.
/// </summary>
public sealed class NodeProblemSweepTests : IncidentScenario
{
    private const string Node = TestEntries.Node;
    private const string OtherNode = "gke-shop-eu1-default-pool-7f3a9c21-b7rd";
    private static readonly DateTimeOffset Opened = new(2026, 11, 21, 8, 5, 2, TimeSpan.Zero); // keep-node-condition-true

    [Fact]
    public async Task ConditionStillTrue_IsRestatedOnceADayInItsThread_ThenResolvesOnFalse()
    {
        Cluster.AddNode(Node, Opened.AddDays(-3));
        var function = Function();
        await SendAsync(function, TestEntries.Sample("keep-node-condition-true"));

        await SweepAsync(function, Opened.AddHours(6));
        await SweepAsync(function, Opened.AddDays(1).AddMinutes(10));
        await SweepAsync(function, Opened.AddDays(1).AddHours(5));
        await SweepAsync(function, Opened.AddDays(2).AddMinutes(20));
        await SendAsync(function, TestEntries.LoggedAt(TestEntries.Sample("keep-node-condition-false"), Opened.AddDays(2).AddHours(1)));

        var posts = PostBodies();
        var first = Assert.Single(Slack.ChannelMessages);
        Assert.Equal(4, posts.Count);
        Assert.All(posts.Skip(1), reply => Assert.Equal(first.Ts, reply.GetProperty("thread_ts").GetString()));
        Assert.Equal(
            [
                $":hourglass: Node condition KernelDeadlock is still True on {Node} after 1 d (since 2026-11-21 08:05 UTC): no event has ended it, and the node is still in the cluster · open until KernelDeadlock is False again or the node is gone",
                $":hourglass: Node condition KernelDeadlock is still True on {Node} after 2 d (since 2026-11-21 08:05 UTC): no event has ended it, and the node is still in the cluster · open until KernelDeadlock is False again or the node is gone",
                $":white_check_mark: Node {Node}: KernelDeadlock is False again after 2 d 1 h (KernelHasNoDeadlock)",
            ],
            Posts().Skip(1));
        Assert.StartsWith(":white_check_mark: Resolved: ", Slack.Calls("chat.update")[^1].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, Cluster.Requests.Count(r => r == $"/api/v1/nodes/{Node}"));
    }

    [Fact]
    public async Task NodeGoneWithoutAnEvent_TheSweepResolvesEveryProblemOfIt_ReadingOnlyEachNodesMetadata()
    {
        Cluster.AddNode(Node, Opened.AddDays(-3));
        Cluster.AddNode(OtherNode, Opened.AddDays(-3));
        var function = Function();
        await SendAsync(function, TestEntries.Sample("keep-node-condition-true"));
        await SendAsync(function, TestEntries.Sample("keep-node-notready"));
        await SendAsync(function, TestEntries.Sample("keep-node-notready", OtherNode));
        await SweepAsync(function, Opened.AddMinutes(30));
        var alertReads = Cluster.Requests.Count;

        Cluster.RemoveNode(Node);
        Assert.Equal(HttpStatusCode.OK, await SweepAsync(function, Opened.AddHours(2)));

        Assert.Equal(
            [
                $":white_check_mark: Node {Node} is gone (no longer in the cluster): KernelDeadlock closed after 2 h",
                $":white_check_mark: Node {Node} is gone (no longer in the cluster): not Ready closed after 1 h 57 min",
            ],
            Posts().Skip(3).Order(StringComparer.Ordinal));
        var stillOpen = Slack.ChannelMessages.Where(m => m.Metadata!.Value.GetProperty("event_payload").GetProperty("resolved").GetString() == "false").ToList();
        Assert.Contains(OtherNode, Assert.Single(stillOpen).Metadata!.Value.GetProperty("event_payload").GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            [$"/api/v1/nodes/{OtherNode}", $"/api/v1/nodes/{Node}", $"/api/v1/nodes/{Node}"],
            Cluster.Requests.Skip(alertReads).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NodeReCreatedUnderItsName_ClosesTheProblemOfTheOldOne()
    {
        Cluster.AddNode(Node, Opened.AddDays(-3));
        var function = Function();
        await SendAsync(function, TestEntries.Sample("keep-node-condition-true"));

        Cluster.AddNode(Node, Opened.AddMinutes(40));
        await SweepAsync(function, Opened.AddHours(1));

        Assert.Equal($":white_check_mark: Node {Node} is gone (re-created 2026-11-21 08:45 UTC): KernelDeadlock closed after 1 h", Posts()[^1]);
    }

    [Fact]
    public async Task NodesNotReadable_TheProblemStaysOpen_AndTheWarningNamesThePermission()
    {
        Cluster.ForbiddenResources.Add("nodes");
        var function = Function();
        await SendAsync(function, TestEntries.Sample("keep-node-condition-true"));

        await SweepAsync(function, Opened.AddHours(1));
        var resolved = await SendAsync(function, TestEntries.Sample("keep-node-condition-false"));

        Assert.Equal(HttpStatusCode.OK, resolved);
        Assert.Contains(function.Logs.GetSnapshot(), log => log.Level == LogLevel.Warning
            && log.Message.Contains($"Could not re-check Node {Node}", StringComparison.Ordinal)
            && log.Message.Contains("Missing permission container.nodes.get (IAM) or RBAC get nodes", StringComparison.Ordinal));
        Assert.Equal(2, Posts().Count);
        Assert.StartsWith($":white_check_mark: Node {Node}: KernelDeadlock is False again after 1 h 43 min", Posts()[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("gke-node&fieldSelector=x")]
    public async Task ProblemOnAForgedNodeName_TheSweepMakesNoRequest(string forged)
    {
        var function = Function();
        var entry = TestEntries.NodeEvent("DockerHung", "Node condition KernelDeadlock is now: True, reason: DockerHung");
        entry["jsonPayload"]!["involvedObject"]!["name"] = forged;
        entry["resource"]!["labels"]!["node_name"] = forged;
        await SendAsync(function, entry);

        await SweepAsync(function, Opened.AddHours(1));

        Assert.DoesNotContain(Cluster.Requests, r => r.StartsWith("/api/v1/nodes", StringComparison.Ordinal));
        Assert.Single(Slack.ChannelMessages);
    }
}
