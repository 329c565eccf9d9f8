using GkeEventNotifier.Model;
using GkeEventNotifier.Tests.Threads;

namespace GkeEventNotifier.Tests.Nodes;

/// <summary>The sample routing file's <c>resource.type="k8s_node"</c> route takes node problems and their resolutions to the platform team.</summary>
public sealed class NodeProblemRoutingTests : FakeSlackOnFakeClock
{
    [Fact]
    public async Task NodeConditionAndItsResolution_GoToThePlatformChannel_MentioningTheTeamOnce()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time, new Dictionary<string, string?>
        {
            ["NOTIFIER_CONFIG_FILE"] = Samples.Path_("notifier-config.yaml"),
            ["DATA_TEAM_WEBHOOK_URL"] = new Uri(Slack.BaseUri, "services/T0DATA/B0DATA/data-team-secret").AbsoluteUri,
        });

        await function.SendAsync(TestEntries.Sample("keep-node-condition-true"));
        Time.Advance(TimeSpan.FromMinutes(20));
        var resolved = await function.SendAsync(TestEntries.Sample("keep-node-condition-false"));

        Assert.Equal(OutcomeKind.Alerted, resolved.Kind);
        var posts = Slack.Calls("chat.postMessage").Select(r => r.Json!.Value).ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, post => Assert.Equal("C0PLATFORM", post.GetProperty("channel").GetString()));
        Assert.StartsWith("<!subteam^S0PLATFORM> Node condition KernelDeadlock is True", posts[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(":white_check_mark: Node gke-shop-eu1-default-pool-7f3a9c21-x2kq: KernelDeadlock is False again after 1 h 43 min", posts[1].GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
