using GkeEventNotifier.Model;
using GkeEventNotifier.Tests.Jobs;

namespace GkeEventNotifier.Tests.Nodes;

/// <summary>Node events are written by whoever can write to the events log: their names and condition text steer nothing.</summary>
public sealed class NodeProblemHostileTextTests : FakeSlackAndClusterOnFakeClock
{
    [Theory]
    [InlineData("../../../../api/v1/pods?limit=1000000&x=")]
    [InlineData("gke-shop-eu1-default-pool-7f3a9c21-x2kq&fieldSelector=metadata.namespace%3Dkube-system")]
    [InlineData("%2e%2e")]
    public async Task NodeProblemOnAForgedNodeName_NoPodList_TheAlertSaysTheNameIsNotValid(string forged)
    {
        await using var function = Function();
        var entry = TestEntries.Sample("keep-node-taskhung");
        entry["jsonPayload"]!["involvedObject"]!["name"] = forged;
        entry["resource"]!["labels"]!["node_name"] = forged;

        var outcome = await function.SendAsync(entry);

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        Assert.Empty(Cluster.Requests);
        Assert.Contains("is not a valid Kubernetes name (DNS-1123 subdomain), so nothing was looked up in the cluster", Assert.Single(Slack.Calls("chat.postMessage")).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kernel<!channel>Deadlock")]
    [InlineData("Kernel/../Deadlock")]
    [InlineData("KernelDeadlockKernelDeadlockKernelDeadlockKernelDeadlockKernelDeadlockX")]
    public async Task ConditionChangeWithATypeThatIsNotAnIdentifier_OpensNoThread_AndPingsNobody(string type)
    {
        await using var function = PipelineHarness(new Dictionary<string, string?> { ["EVENT_FILTER"] = "jsonPayload.involvedObject.kind=\"Node\"" });
        var entry = TestEntries.NodeEvent("DockerHung", $"Node condition {type} is now: True, reason: DockerHung");

        await function.SendAsync(entry);

        var post = Assert.Single(Slack.Calls("chat.postMessage"));
        Assert.DoesNotContain("open until", post.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", post.Body, StringComparison.Ordinal);
    }

    private Threads.PipelineHarness PipelineHarness(Dictionary<string, string?> extra) => Threads.PipelineHarness.BotToken(Slack, Time, extra);
}
