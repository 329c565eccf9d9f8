using System.Text.Json.Nodes;
using GkeEventNotifier.Adapters.State;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Threads;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Tests.BlindSpots;

/// <summary>
/// GKE's event exporter restarting ("Some events may have been lost up to this point") through the pipeline: one
/// notice per cluster per hour, naming the time since the last event the function saw from that cluster.
/// </summary>
public sealed class BlindSpotNoticeTests : FakeSlackOnFakeClock
{
    [Fact]
    public async Task NoticeAfterEvents_SaysEventsBetweenTheLastEventAndTheRestartMayBeMissing()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);
        await function.SendAsync(Samples.EntryNode("keep-evicted"));

        var outcome = await function.SendAsync(Notice("2026-11-20T10:00:00.104Z"));

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        var post = Slack.Calls("chat.postMessage")[^1].Json!.Value;
        Assert.Equal("C0ALERTS", post.GetProperty("channel").GetString());
        Assert.Equal(":warning: Events of cluster shop-eu1 between 2026-11-20 09:14:03 UTC and 2026-11-20 10:00:00 UTC may be missing", post.GetProperty("text").GetString());
        Assert.Contains("GKE's event exporter restarted", Slack.Calls("chat.postMessage")[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondRestartWithinTheHour_PostsNothing_AndOneAfterTheHourPostsAgain()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);
        await function.SendAsync(Notice("2026-11-20T10:00:00Z"));
        Time.Advance(TimeSpan.FromMinutes(59));
        var within = await function.SendAsync(Notice("2026-11-20T10:59:00Z"));
        Time.Advance(TimeSpan.FromMinutes(2));
        var after = await function.SendAsync(Notice("2026-11-20T11:01:00Z"));

        Assert.Equal(OutcomeKind.NoAlert, within.Kind);
        Assert.Equal(OutcomeKind.Alerted, after.Kind);
        Assert.Equal(2, Slack.Calls("chat.postMessage").Count);
    }

    [Fact]
    public async Task EachClusterHasItsOwnHour()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);
        await function.SendAsync(Notice("2026-11-20T10:00:00Z"));
        var other = Notice("2026-11-20T10:00:05Z");
        other["resource"]!["labels"]!["cluster_name"] = "shop-us1";

        var outcome = await function.SendAsync(other);

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        Assert.StartsWith(":warning: Events of cluster shop-us1 before 2026-11-20 10:00:05 UTC (no earlier event of this cluster was seen)", Slack.Calls("chat.postMessage")[^1].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoInstancesSharingTheAlertState_KnowTheLastEvent_AndPostOneNotice()
    {
        var shared = new MemoryAlertStateStore(Time, 1000);
        await using var first = PipelineHarness.BotToken(Slack, Time, configure: services => services.AddSingleton<IAlertStateStore>(shared));
        await using var second = PipelineHarness.BotToken(Slack, Time, configure: services => services.AddSingleton<IAlertStateStore>(shared));
        await first.SendAsync(Samples.EntryNode("keep-evicted"));

        var noticed = await second.SendAsync(Notice("2026-11-20T10:00:00Z"));
        var copy = await first.SendAsync(Notice("2026-11-20T10:00:00Z"));

        Assert.Equal(OutcomeKind.Alerted, noticed.Kind);
        Assert.Equal(OutcomeKind.NoAlert, copy.Kind);
        var notices = Slack.Calls("chat.postMessage").Where(r => r.Text.Contains("may be missing", StringComparison.Ordinal)).ToList();
        Assert.Contains("between 2026-11-20 09:14:03 UTC and", Assert.Single(notices).Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackRefusingTheNotice_GivesTheHourBack_SoTheRedeliveryPosts()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);
        Slack.Then(SlackReply.Error("channel_not_found"));

        await Assert.ThrowsAnyAsync<Exception>(() => function.SendAsync(Notice("2026-11-20T10:00:00Z")));
        var redelivered = await function.SendAsync(Notice("2026-11-20T10:00:00Z"));

        Assert.Equal(OutcomeKind.Alerted, redelivered.Kind);
        Assert.Equal(2, Slack.Calls("chat.postMessage").Count);
    }

    [Fact]
    public async Task WithTheSampleRoutes_TheNoticeGoesToTheDefaultReceiver()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time, new Dictionary<string, string?>
        {
            ["NOTIFIER_CONFIG_FILE"] = Samples.Path_("notifier-config.yaml"),
            ["DATA_TEAM_WEBHOOK_URL"] = new Uri(Slack.BaseUri, "services/T0DATA/B0DATA/data-team-secret").AbsoluteUri,
        });

        await function.SendAsync(Notice("2026-11-20T10:00:00Z"));

        Assert.Equal("C0PLATFORM", Assert.Single(Slack.Calls("chat.postMessage")).Json!.Value.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task AFilterThatDoesNotKeepTheNotice_LeavesItOut()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time, new Dictionary<string, string?> { ["EVENT_FILTER"] = "jsonPayload.reason=\"Evicted\"" });

        var outcome = await function.SendAsync(Notice("2026-11-20T10:00:00Z"));

        Assert.Equal(OutcomeKind.Filtered, outcome.Kind);
        Assert.Empty(Slack.Calls("chat.postMessage"));
    }

    private static JsonObject Notice(string timestamp)
    {
        var notice = Samples.EntryNode("notice-exporter-started");
        notice["timestamp"] = timestamp;
        notice["insertId"] = Guid.NewGuid().ToString("N")[..15];
        return notice;
    }
}
