using System.Net;
using static GkeEventNotifier.Tests.TestEntries;

namespace GkeEventNotifier.Tests.Incidents;

/// <summary>A crash loop writes no recovery event: it opens a thread and only the sweep's re-check of the cluster resolves it.</summary>
public sealed class CrashLoopTests : IncidentScenario
{
    [Fact]
    public async Task CrashLoopOfSevenPods_TheFirstMessageCountsSevenPods_NotTheFiveItNames()
    {
        var function = Function();
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await SendAsync(function, CrashLoop(CartPod(i), Start + TimeSpan.FromMinutes(i))));
        }

        var parent = Slack.Calls("chat.update")[^1].Json!.Value.GetProperty("text").GetString();
        Assert.Contains("7 pods", parent, StringComparison.Ordinal);
        Assert.Contains("7 events", parent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrashLoopOfTwoPods_OneThread_ResolvedByTheSweepOncePodsStayReadyForTheStableMinutes()
    {
        var function = Function();
        Assert.Equal(HttpStatusCode.OK, await SendAsync(function, CrashLoop(CartPod(0), Start)));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(function, CrashLoop(CartPod(1), Start + TimeSpan.FromMinutes(2))));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 6));
        Cluster.AddPod(RunningPod(CartPod(1), ready: true, restarts: 4));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(5));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(10));
        Assert.Equal(2, Posts().Count); // healthy since minute 5: not yet for RECOVERY_STABLE_MINUTES, and not due for another read
        await SweepAsync(function, Start + TimeSpan.FromMinutes(15));

        var first = Assert.Single(Slack.ChannelMessages);
        var posts = PostBodies();
        Assert.Equal(3, posts.Count);
        Assert.StartsWith("crash loop: Deployment shop/cart · ", posts[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(first.Ts, posts[1].GetProperty("thread_ts").GetString());
        Assert.StartsWith("crash loop: failure 2 · ", posts[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(first.Ts, posts[2].GetProperty("thread_ts").GetString());
        Assert.Equal(
            ":white_check_mark: Deployment shop/cart recovered after 5 min (crash loop: pods Ready, restart counts unchanged for 10 min)",
            posts[2].GetProperty("text").GetString());
        var resolved = Slack.Calls("chat.update")[^1].Json!.Value;
        Assert.Equal(first.Ts, resolved.GetProperty("ts").GetString());
        Assert.StartsWith(":white_check_mark: Resolved: Deployment shop/cart recovered after 5 min", resolved.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("true", first.Metadata!.Value.GetProperty("event_payload").GetProperty("resolved").GetString());
        Assert.Equal(["/api/v1/namespaces/shop/pods?watch=false", "/api/v1/namespaces/shop/pods?watch=false"], NamespacePodLists());
    }

    [Fact]
    public async Task RestartDuringTheStableMinutes_KeepsTheIncidentOpen_UntilTheCountsHoldStill()
    {
        var function = Function();
        await SendAsync(function, CrashLoop(CartPod(0), Start));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 6));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(5));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 7));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(15));
        Assert.Single(Posts());
        await SweepAsync(function, Start + TimeSpan.FromMinutes(25));

        Assert.Equal(2, Posts().Count);
        Assert.StartsWith(":white_check_mark: Deployment shop/cart recovered after 15 min", Posts()[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PodNotReady_IsStillFailing_AndNothingIsPosted()
    {
        var function = Function();
        await SendAsync(function, CrashLoop(CartPod(0), Start));
        Cluster.AddPod(RunningPod(CartPod(0), ready: false, restarts: 9));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(5));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(30));

        Assert.Single(Posts());
        Assert.Empty(Slack.Calls("chat.update"));
        Assert.Equal(2, NamespacePodLists().Count);
    }

    [Fact]
    public async Task FailureWithinTheStableMinutesAfterRecovery_ReopensTheSameThread_WithoutANewAlert()
    {
        var function = Function();
        await SendAsync(function, CrashLoop(CartPod(0), Start));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 6));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(5));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(15));

        await SendAsync(function, CrashLoop(CartPod(0), Start + TimeSpan.FromMinutes(20)));

        var first = Assert.Single(Slack.ChannelMessages);
        var reopened = PostBodies()[^1];
        Assert.Equal(first.Ts, reopened.GetProperty("thread_ts").GetString());
        Assert.StartsWith("crash loop: failing again 5 min after it recovered · ", reopened.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("false", first.Metadata!.Value.GetProperty("event_payload").GetProperty("resolved").GetString());
    }

    [Fact]
    public async Task FailureLongAfterRecovery_OpensANewThread()
    {
        var function = Function();
        await SendAsync(function, CrashLoop(CartPod(0), Start));
        Cluster.AddPod(RunningPod(CartPod(0), ready: true, restarts: 6));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(5));
        await SweepAsync(function, Start + TimeSpan.FromMinutes(15));

        await SendAsync(function, CrashLoop(CartPod(0), Start + TimeSpan.FromHours(2)));

        Assert.Equal(2, Slack.ChannelMessages.Count);
        Assert.StartsWith("crash loop: Deployment shop/cart · ", Posts()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewRollout_ClosesTheIncident_AsReplacedByTheNewRevision()
    {
        var function = Function();
        await SendAsync(function, CrashLoop(CartPod(0), Start));
        Cluster.AddPod(RunningPod(CartPod(0, "5c8b7d9f4"), ready: true, restarts: 0, revision: "5c8b7d9f4"));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(5));

        Assert.Equal(":white_check_mark: Deployment shop/cart closed after 5 min (crash loop): replaced by revision 5c8b7d9f4", Posts()[^1]);
        Assert.StartsWith(":white_check_mark: Resolved: ", Slack.Calls("chat.update")[^1].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkloadWithNoPodsLeft_ClosesTheIncident()
    {
        var function = Function();
        await SendAsync(function, CrashLoop(CartPod(0), Start));

        await SweepAsync(function, Start + TimeSpan.FromMinutes(5));

        Assert.Equal(":white_check_mark: Deployment shop/cart closed after 5 min (crash loop): no pods of Deployment/cart left: deleted or scaled to zero", Posts()[^1]);
    }

    [Fact]
    public async Task SweepWithNothingOpen_CallsNeitherSlackNorTheCluster()
    {
        var function = Function();

        Assert.Equal(HttpStatusCode.OK, await SweepAsync(function, Start));

        Assert.DoesNotContain(Slack.Requests, r => r.Path.StartsWith("/api/chat.", StringComparison.Ordinal));
        Assert.Empty(Cluster.Requests);
    }

    [Fact]
    public async Task SweepReadsTheClusterAtMostChecksPerSweepTimes_TheRestWaitForTheNextSweep()
    {
        var function = Function(new Dictionary<string, string?> { ["RECOVERY_CHECKS_PER_SWEEP"] = "1" });
        await SendAsync(function, CrashLoop(CartPod(0), Start));
        var other = CrashLoop("payments-6b7c8d9f5-k2lmn", Start + TimeSpan.FromMinutes(1));
        await SendAsync(function, other);

        await SweepAsync(function, Start + TimeSpan.FromMinutes(5));
        Assert.Single(NamespacePodLists());
        await SweepAsync(function, Start + TimeSpan.FromMinutes(10));

        Assert.Equal(2, Posts().Count(p => p.Contains("closed after", StringComparison.Ordinal)));
        Assert.Equal(2, NamespacePodLists().Count);
    }

    [Theory]
    [InlineData("../../api/v1/pods?x=", null)]
    [InlineData("%2e%2e", null)]
    [InlineData("Shop", null)]
    [InlineData("shop", "../../../api/v1/pods?limit=1")]
    public async Task CrashLoopWithForgedNames_TheSweepMakesNoRequest(string podNamespace, string? workloadLabel)
    {
        var function = Function();
        var entry = CrashLoop(CartPod(0), Start);
        entry["jsonPayload"]!["involvedObject"]!["namespace"] = podNamespace;
        if (workloadLabel is not null)
        {
            entry["labels"] = new System.Text.Json.Nodes.JsonObject
            {
                ["logging.gke.io/top_level_controller_type"] = "Deployment",
                ["logging.gke.io/top_level_controller_name"] = workloadLabel,
            };
        }

        await SendAsync(function, entry);
        await SweepAsync(function, Start + TimeSpan.FromMinutes(5));

        Assert.Single(Posts());
        Assert.Empty(ReadsBeyondTheAlerts());
        Assert.Contains(function.Logs.GetSnapshot(), log => log.Message.StartsWith("Could not re-check", StringComparison.Ordinal));
    }
}
