using System.Net;
using static GkeEventNotifier.Tests.TestEntries;

namespace GkeEventNotifier.Tests.Incidents;

/// <summary>A volume a pod cannot attach or mount: held for VOLUME_GRACE_MINUTES (default 10), alerted only when it outlasts that.</summary>
public sealed class VolumeTests : IncidentScenario
{
    [Fact]
    public async Task MultiAttachClearedByTheAttachWithinTheGrace_NothingIsPosted()
    {
        var function = Function();
        await SendAsync(function, MultiAttach(CartPod(0), Start));

        Assert.Equal(HttpStatusCode.OK, await SendAsync(function, Attached(CartPod(0), Start + TimeSpan.FromMinutes(6))));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(15));

        Assert.DoesNotContain(Slack.Requests, r => r.Path.StartsWith("/api/chat.", StringComparison.Ordinal));
        Assert.Empty(NamespacePodLists());
    }

    [Fact]
    public async Task MultiAttachOutlastingTheGrace_AlertedByTheSweep_ThenResolvedByTheAttachInTheThread()
    {
        var function = Function();
        await SendAsync(function, MultiAttach(CartPod(0), Start));
        await SendAsync(function, MultiAttach(CartPod(0), Start + TimeSpan.FromMinutes(4)));
        Cluster.AddPod(PendingPod(CartPod(0), scheduled: true));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(10));
        await SendAsync(function, Attached(CartPod(0), Start + TimeSpan.FromMinutes(13)));

        var first = Assert.Single(Slack.ChannelMessages);
        var posts = PostBodies();
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("volume (Multi-Attach): Deployment shop/cart, failing for 10 min · ", posts[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("Volume is already used by pod(s) cart-7d9f6c5b8-q4wzt", Slack.Calls("chat.postMessage")[0].Text, StringComparison.Ordinal);
        Assert.Equal(
            ":white_check_mark: Deployment shop/cart recovered after 13 min (volume: AttachVolume.Attach succeeded for volume \"pvc-4b7e9c1a-2d3f-4a5b-8c6d-7e8f9a0b1c2d\")",
            posts[1].GetProperty("text").GetString());
        Assert.Equal(first.Ts, posts[1].GetProperty("thread_ts").GetString());
        Assert.Equal(["/api/v1/namespaces/shop/pods?watch=false"], NamespacePodLists());
    }

    [Fact]
    public async Task TwoPodsWaitingForVolumes_OneAttachedWithinTheGrace_TheOtherIsAlertedWhenTheGraceEnds()
    {
        var function = Function();
        await SendAsync(function, MultiAttach(CartPod(0), Start));
        await SendAsync(function, MountTimeout(CartPod(1), Start + TimeSpan.FromMinutes(1)));
        await SendAsync(function, Attached(CartPod(0), Start + TimeSpan.FromMinutes(4)));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 0));
        Cluster.AddPod(PendingPod(CartPod(1), scheduled: true));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(10));

        var post = Assert.Single(Posts());
        Assert.StartsWith("volume (Multi-Attach): Deployment shop/cart, failing for 10 min · ", post, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MountTimeoutOutlastingTheGrace_AlertedByTheSweep_ResolvedByTheSweepOnceThePodsRun()
    {
        var function = Function();
        await SendAsync(function, MountTimeout(CartPod(0), Start));
        Cluster.AddPod(PendingPod(CartPod(0), scheduled: true));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(10));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 0));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(15));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(25));

        var posts = Posts();
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("volume (mount): Deployment shop/cart, failing for 10 min · ", posts[0], StringComparison.Ordinal);
        Assert.Equal(":white_check_mark: Deployment shop/cart recovered after 15 min (volume: all pods running for 10 min)", posts[1]);
        Assert.Equal(3, NamespacePodLists().Count);
    }

    [Fact]
    public async Task MountFailureWhosePodRunsWhenTheGraceEnds_ClosesUnseen()
    {
        var function = Function();
        await SendAsync(function, MountTimeout(CartPod(0), Start));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 0));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(10));

        Assert.Empty(Posts());
        Assert.Single(NamespacePodLists());
        Assert.Contains(function.Logs.GetSnapshot(), log => log.Message.Contains("ended within its hold and was never alerted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_AHeldFailureThatOutlastsItsGrace_IsOneMessage()
    {
        var function = Function(webhook: true);
        await SendAsync(function, MountTimeout(CartPod(0), Start));
        Cluster.AddPod(PendingPod(CartPod(0), scheduled: true));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(10));

        var text = Assert.Single(Slack.Delivered).Json!.Value.GetProperty("text").GetString();
        Assert.StartsWith("volume (mount): Deployment shop/cart, failing for 10 min · ", text, StringComparison.Ordinal);
    }
}
