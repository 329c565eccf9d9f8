using System.Net;
using static GkeEventNotifier.Tests.TestEntries;

namespace GkeEventNotifier.Tests.Incidents;

/// <summary>
/// A pod the scheduler cannot place: held for SCHEDULING_GRACE_MINUTES (default 15) while a scale-up may place it,
/// alerted by the sweep when it outlasts that, at once when no new node can help, and classified by cause.
/// </summary>
public sealed class SchedulingTests : IncidentScenario
{
    [Fact]
    public async Task ScaleUpPlacesThePodWithinTheGrace_NothingIsPosted_AndTheSweepReadsNothing()
    {
        var function = Function();
        Assert.Equal(HttpStatusCode.OK, await SendAsync(function, FailedScheduling(CartPod(0), Start)));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(function, ScaleUp(CartPod(0), Start + TimeSpan.FromSeconds(20))));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(function, Scheduled(CartPod(0), Start + TimeSpan.FromMinutes(3))));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(20));

        Assert.DoesNotContain(Slack.Requests, r => r.Path.StartsWith("/api/chat.", StringComparison.Ordinal));
        Assert.Empty(NamespacePodLists());
        Assert.Contains(function.Logs.GetSnapshot(), log => log.Message.Contains("(Filtered)", StringComparison.Ordinal) && log.Message.Contains("TriggeredScaleUp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PodStillUnplacedAfterTheGrace_TheSweepAlertsItWithItsCause_AndScheduledResolvesItInTheThread()
    {
        var function = Function();
        await SendAsync(function, FailedScheduling(CartPod(0), Start));
        Cluster.AddPod(PendingPod(CartPod(0), scheduled: false));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(10));
        Assert.Empty(Posts()); // within the grace: not due, not read
        Assert.Empty(NamespacePodLists());
        await SweepAsync(function, Start + TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(function, Scheduled(CartPod(0), Start + TimeSpan.FromMinutes(22))));

        var first = Assert.Single(Slack.ChannelMessages);
        var posts = PostBodies();
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("scheduling (insufficient cpu, affinity/taints): Deployment shop/cart, failing for 15 min · ", posts[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("0/6 nodes are available: 4 Insufficient cpu", Slack.Calls("chat.postMessage")[0].Text, StringComparison.Ordinal);
        Assert.Equal(first.Ts, posts[1].GetProperty("thread_ts").GetString());
        Assert.Equal(
            $":white_check_mark: Deployment shop/cart recovered after 22 min (scheduling: Successfully assigned shop/{CartPod(0)} to gke-shop-eu1-default-pool-7f3a9c21-m8vd)",
            posts[1].GetProperty("text").GetString());
        Assert.Equal("true", first.Metadata!.Value.GetProperty("event_payload").GetProperty("resolved").GetString());
        Assert.Equal(["/api/v1/namespaces/shop/pods?watch=false"], NamespacePodLists());
    }

    [Fact]
    public async Task TwoPodsUnplaced_OneScheduledDoesNotResolve_TheLastOneDoes()
    {
        var function = Function();
        await SendAsync(function, FailedScheduling(CartPod(0), Start));
        await SendAsync(function, FailedScheduling(CartPod(1), Start + TimeSpan.FromSeconds(30)));
        Cluster.AddPod(PendingPod(CartPod(0), scheduled: false));
        Cluster.AddPod(PendingPod(CartPod(1), scheduled: false));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(15));

        Assert.Equal(HttpStatusCode.OK, await SendAsync(function, Scheduled(CartPod(0), Start + TimeSpan.FromMinutes(18))));
        Assert.Single(Posts()); // the alert only: the other pod is still not placed
        Assert.Contains(function.Logs.GetSnapshot(), log => log.Message.Contains("Deployment shop/cart (scheduling) still has 1 pod failing", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(function, Scheduled(CartPod(1), Start + TimeSpan.FromMinutes(22))));

        var posts = Posts();
        Assert.Equal(2, posts.Count);
        Assert.Equal(
            $":white_check_mark: Deployment shop/cart recovered after 22 min (scheduling: Successfully assigned shop/{CartPod(1)} to gke-shop-eu1-default-pool-7f3a9c21-m8vd)",
            posts[1]);
    }

    [Fact]
    public async Task TwoPodsUnplaced_OnePlacedWithinTheGrace_TheOtherIsAlertedWhenTheGraceEnds()
    {
        var function = Function();
        await SendAsync(function, FailedScheduling(CartPod(0), Start));
        await SendAsync(function, FailedScheduling(CartPod(1), Start + TimeSpan.FromSeconds(30)));
        await SendAsync(function, Scheduled(CartPod(0), Start + TimeSpan.FromMinutes(3)));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 0));
        Cluster.AddPod(PendingPod(CartPod(1), scheduled: false));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(15));

        var post = Assert.Single(Posts());
        Assert.StartsWith("scheduling (insufficient cpu, affinity/taints): Deployment shop/cart, failing for 15 min · ", post, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertedPodPlacedWithoutAnEvent_TheSweepResolvesItOnceEveryPodStaysScheduled()
    {
        var function = Function();
        await SendAsync(function, FailedScheduling(CartPod(0), Start));
        Cluster.AddPod(PendingPod(CartPod(0), scheduled: false));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(15));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 0));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(20));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(30));

        var posts = Posts();
        Assert.Equal(2, posts.Count);
        Assert.Equal(":white_check_mark: Deployment shop/cart recovered after 20 min (scheduling: all pods scheduled for 10 min)", posts[1]);
        Assert.Equal(3, NamespacePodLists().Count);
    }

    [Fact]
    public async Task PodPlacedWhenTheGraceEnds_ClosesUnseen()
    {
        var function = Function();
        await SendAsync(function, FailedScheduling(CartPod(0), Start));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 0));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(16));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(40));

        Assert.DoesNotContain(Slack.Requests, r => r.Path.StartsWith("/api/chat.", StringComparison.Ordinal));
        Assert.Single(NamespacePodLists());
    }

    [Fact]
    public async Task UnboundClaim_NoNewNodeCanHelp_AlertsAtOnce()
    {
        var function = Function();

        await SendAsync(function, UnboundClaim(CartPod(0), Start));

        Assert.StartsWith("scheduling (unbound PVC): Deployment shop/cart · ", Assert.Single(Posts()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoscalerDeclinesDuringTheGrace_AlertsAtOnce_AndTheNextFailureJoinsTheThread()
    {
        var function = Function();
        await SendAsync(function, FailedScheduling(CartPod(0), Start));

        await SendAsync(function, NoScaleUp(CartPod(0), Start + TimeSpan.FromMinutes(1)));
        await SendAsync(function, FailedScheduling(CartPod(1), Start + TimeSpan.FromMinutes(2)));

        var posts = PostBodies();
        Assert.Equal(2, posts.Count);
        Assert.StartsWith(
            "scheduling (affinity/taints, node pools at maximum size): Deployment shop/cart, failing for 1 min · ",
            posts[0].GetProperty("text").GetString(),
            StringComparison.Ordinal);
        Assert.StartsWith("scheduling: failure 3 · ", posts[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(Slack.ChannelMessages.Single().Ts, posts[1].GetProperty("thread_ts").GetString());
    }

    [Fact]
    public async Task GraceOfZero_AlertsAtOnce()
    {
        var function = Function(new Dictionary<string, string?> { ["SCHEDULING_GRACE_MINUTES"] = "0" });

        await SendAsync(function, FailedScheduling(CartPod(0), Start));

        Assert.StartsWith("scheduling (insufficient cpu, affinity/taints): Deployment shop/cart · ", Assert.Single(Posts()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeFailedScheduling_IsAlertedAtOnce_NotKept()
    {
        var function = Function();
        var entry = FailedScheduling(CartPod(0), Start);
        entry["jsonPayload"]!["message"] = "0/6 nodes are available: 6 Insufficient cpu. " + new string('x', 300_000);
        entry["jsonPayload"]!["reportingInstance"] = new string('y', 20_000);

        await SendAsync(function, entry);

        Assert.StartsWith("scheduling (insufficient cpu): Deployment shop/cart · ", Assert.Single(Posts()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0/3 nodes are available: 3 Insufficient memory.", "insufficient memory")]
    [InlineData("0/256 nodes are available: 1 node(s) were unschedulable, 173 Insufficient memory, 214 node(s) didn't match node selector, 87 Insufficient cpu.", "insufficient cpu, insufficient memory, affinity/taints")]
    [InlineData("0/1 nodes are available: 1 Too many pods.", "no pod slots")]
    [InlineData("Instance 'gke-shop-eu1-default-pool-7f3a9c21-q2lm' creation failed: IP space of 'projects/acme-net/regions/europe-west1/subnetworks/shop-pods' is exhausted.", "IP space exhausted")]
    [InlineData("Instance 'gke-shop-eu1-default-pool-7f3a9c21-q2lm' creation failed: Quota 'CPUS' exceeded.  Limit: 24.0 in region europe-west1.", "quota")]
    [InlineData("pod didn't trigger scale-up: 1 in backoff after failed scale-up", "scale-up failing")]
    [InlineData("0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules.", "affinity/taints")]
    [InlineData("binding rejected: running Bind plugin \"DefaultBinder\": etcdserver: request timed out", null)]
    public void Causes_AreReadFromTheMessage(string message, string? expected)
    {
        Assert.Equal(expected, GkeEventNotifier.Stages.Delivery.Incidents.SchedulingCauses.Describe(message));
    }
}
