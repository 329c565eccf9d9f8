using System.Net;
using static GkeEventNotifier.Tests.TestEntries;

namespace GkeEventNotifier.Tests.Incidents;

/// <summary>An image that will not pull: the kubelet's Pulled "Successfully pulled image" is its recovery event.</summary>
public sealed class ImagePullTests : IncidentScenario
{
    [Fact]
    public async Task FailedPullThenBackOff_OneThread_ThenPulled_RecoveredInTheThreadWithoutReadingTheCluster()
    {
        var function = Function();
        await SendAsync(function, PullFailed(CartPod(0), Start));
        await SendAsync(function, PullBackOff(CartPod(0), Start + TimeSpan.FromSeconds(20)));

        Assert.Equal(HttpStatusCode.OK, await SendAsync(function, Pulled(CartPod(0), Start + TimeSpan.FromMinutes(14))));

        var first = Assert.Single(Slack.ChannelMessages);
        var posts = PostBodies();
        Assert.Equal(3, posts.Count);
        Assert.StartsWith("image pull: Deployment shop/cart · ", posts[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(first.Ts, posts[2].GetProperty("thread_ts").GetString());
        Assert.Equal(
            ":white_check_mark: Deployment shop/cart recovered after 14 min (image pull: Successfully pulled image \"europe-docker.pkg.dev/acme-shop-prod/shop/cart:2.14.1\" in 2.311s (9.874s including waiting). Image size: 48213390 bytes.)",
            posts[2].GetProperty("text").GetString());
        Assert.Equal("true", first.Metadata!.Value.GetProperty("event_payload").GetProperty("resolved").GetString());
        Assert.Empty(ReadsBeyondTheAlerts());
    }

    [Fact]
    public async Task PulledWithNothingOpen_IsAcknowledged_WithoutCallingSlackOrTheCluster()
    {
        var function = Function();

        Assert.Equal(HttpStatusCode.OK, await SendAsync(function, Pulled(CartPod(0), Start)));

        Assert.Empty(Slack.Requests);
        Assert.Empty(Cluster.Requests);
    }

    [Fact]
    public async Task PulledOlderThanTheLatestFailure_ClosesNothing()
    {
        var function = Function();
        await SendAsync(function, PullFailed(CartPod(0), Start + TimeSpan.FromMinutes(5)));

        await SendAsync(function, Pulled(CartPod(1), Start));

        Assert.Single(Posts());
        Assert.Empty(Slack.Calls("chat.update"));
    }

    [Fact]
    public async Task PulledOfAnotherWorkload_ClosesNothing()
    {
        var function = Function();
        await SendAsync(function, PullFailed(CartPod(0), Start));

        await SendAsync(function, Pulled("payments-6b7c8d9f5-k2lmn", Start + TimeSpan.FromMinutes(3)));

        Assert.Single(Posts());
    }

    [Fact]
    public async Task ImageAlreadyPresent_IsDroppedByTheDefaultFilter()
    {
        var function = Function();
        await SendAsync(function, PullFailed(CartPod(0), Start));

        await SendAsync(function, AlreadyPresent(CartPod(0), Start + TimeSpan.FromMinutes(3)));

        Assert.Single(Posts());
        Assert.Contains(function.Logs.GetSnapshot(), log => log.Message.Contains("(Filtered)", StringComparison.Ordinal) && log.Message.Contains("Pulled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_FailureAndRecoveryAreMessagesOfTheirOwn()
    {
        var function = Function(webhook: true);
        await SendAsync(function, PullFailed(CartPod(0), Start));

        await SendAsync(function, Pulled(CartPod(0), Start + TimeSpan.FromMinutes(3)));

        var texts = Slack.Delivered.Select(r => r.Json!.Value.GetProperty("text").GetString()!).ToList();
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("image pull: Deployment shop/cart · ", texts[0], StringComparison.Ordinal);
        Assert.StartsWith(":white_check_mark: Resolved: Deployment shop/cart recovered after 3 min (image pull: ", texts[1], StringComparison.Ordinal);
    }
}
