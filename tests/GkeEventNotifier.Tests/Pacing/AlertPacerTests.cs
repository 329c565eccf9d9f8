using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Pacing;
using GkeEventNotifier.Stages.Rendering;
using GkeEventNotifier.Stages.Routing;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Tests.Pacing;

/// <summary>A burst against a real loopback Slack: a few messages of their own, the rest deferred into one summary whose outcome settles them.</summary>
public sealed class AlertPacerTests : IAsyncLifetime
{
    private FakeSlackServer slack = null!;

    public async Task InitializeAsync() => slack = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync() => await slack.DisposeAsync();

    [Fact]
    public async Task BurstOfTwenty_PostsTwoAlertsAndOneSummaryNamingTheRest()
    {
        var pacer = Pacer(maxBatch: 100);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Send(pacer, i)));
        var deferred = outcomes.OfType<PaceOutcome.Deferred>().ToList();
        var summaries = await Task.WhenAll(deferred.Select(d => d.Summary));

        var posts = slack.Requests.Where(r => r.Path == "/api/chat.postMessage").ToList();
        Assert.Equal(3, posts.Count);
        var summary = Assert.Single(posts, p => p.Text.Contains("18 alerts in", StringComparison.Ordinal));
        Assert.Equal(18, deferred.Count);
        Assert.All(summaries, s => Assert.Equal(18, s.AlertsInMessage));
        Assert.All(Enumerable.Range(0, 20), i => Assert.Single(posts, p => p.Text.Contains($"burst-pod-{i:D2}", StringComparison.Ordinal)));
        Assert.Contains("18 Evicted in shop", summary.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BurstOfTwoHundred_NamesEveryAlert_InTheSummaryOrInItsThread()
    {
        var pacer = Pacer(maxBatch: 500);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Send(pacer, i)));
        await Task.WhenAll(outcomes.OfType<PaceOutcome.Deferred>().Select(d => d.Summary));

        var posts = slack.Calls("chat.postMessage");
        var summary = Assert.Single(posts, p => p.Text.Contains("198 alerts in", StringComparison.Ordinal));
        Assert.Contains("every one is listed in the thread", summary.Text, StringComparison.Ordinal);
        var summaryTs = slack.ChannelMessages.Single(m => m.Ts != slack.ChannelMessages[0].Ts && m.Ts != slack.ChannelMessages[1].Ts).Ts;
        var listed = posts.Where(p => p.Json!.Value.TryGetProperty("thread_ts", out var thread) && thread.GetString() == summaryTs).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, reply => Assert.InRange(reply.Json!.Value.GetProperty("text").GetString()!.Length, 1, SlackText.MaxFallbackLength));
        var everything = string.Join("\n", posts.Select(p => p.Text));
        Assert.All(Enumerable.Range(0, 200), i => Assert.Matches($@"burst-pod-{i:D2}(?!\d)", everything));
    }

    [Fact]
    public async Task SummaryListing_TakesTheChannelsSlots_SoNoBurstExceedsSlacksRate()
    {
        const int intervalMs = 1000;
        var pacer = Pacer(maxBatch: 500, intervalMs: intervalMs);
        var start = DateTimeOffset.UtcNow;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Send(pacer, i)));
        await Task.WhenAll(outcomes.OfType<PaceOutcome.Deferred>().Select(d => d.Summary));

        // Two own alerts take the burst of two; the summary and each part of its listing then take one slot each, so
        // post k (from 0) reaches Slack no sooner than k - 1 intervals after the burst began (a late post only adds).
        var times = slack.Calls("chat.postMessage").Select(p => p.ReceivedAt).Order().ToList();
        Assert.True(times.Count >= 5, $"{times.Count} posts: two alerts, a summary and its listing; " + string.Join(",", times.Select(t => (t - start).TotalMilliseconds)));
        Assert.All(Enumerable.Range(2, times.Count - 2), k =>
            Assert.True((times[k] - start).TotalMilliseconds >= ((k - 1) * intervalMs) - 20, $"post {k + 1} reached Slack {(times[k] - start).TotalMilliseconds:0} ms into the burst"));
    }

    [Fact]
    public async Task SummaryThatSlackRefuses_FailsEveryAlertInIt_SoPubSubRedeliversThem()
    {
        var pacer = Pacer(maxBatch: 100, timeoutSeconds: 1);
        slack.Default = request => request.Body.Contains("alerts in", StringComparison.Ordinal) ? SlackReply.ServerError(503) : SlackReply.Json("""{"ok":true,"channel":"C0ALERTS","ts":"1.2"}""");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Send(pacer, i)));
        var summaries = outcomes.OfType<PaceOutcome.Deferred>().Select(d => d.Summary).ToList();

        await Assert.ThrowsAsync<SlackUnavailableException>(() => Task.WhenAll(summaries));
        Assert.Equal((2, 4), (outcomes.OfType<PaceOutcome.Posted>().Count(), summaries.Count(s => s.IsFaulted)));
    }

    [Fact]
    public async Task BurstBeyondTheBatchLimit_IsRefusedForRedelivery_NotQueued()
    {
        var pacer = Pacer(maxBatch: 5);

        var sends = Enumerable.Range(0, 12).Select(i => Send(pacer, i)).ToList();

        await Assert.ThrowsAsync<SlackUnavailableException>(() => Task.WhenAll(sends));
        var deferred = sends.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result).OfType<PaceOutcome.Deferred>().ToList();
        await Task.WhenAll(deferred.Select(d => d.Summary));
        Assert.Equal((5, 5), (deferred.Count, sends.Count(s => s.IsFaulted)));
        Assert.Equal(3, slack.Requests.Count);
    }

    private ServiceProvider provider = null!;

    private Task<PaceOutcome> Send(AlertPacer pacer, int i)
    {
        var alert = Alert(i);
        var receiver = new Receiver("default", provider.GetRequiredService<ISlackClient>(), "C0ALERTS", null, CanThread: true);
        var notifier = provider.GetRequiredService<SlackNotifier>();
        return pacer.SendAsync(alert, receiver, token => notifier.NotifyAsync(receiver.Client, AlertRenderer.Render(alert) with { Channel = receiver.Channel }, token), default);
    }

    private AlertPacer Pacer(int maxBatch, int timeoutSeconds = 10, int intervalMs = 1500)
    {
        provider = SlackTestServices.Build(FakeSlackServerSettings.BotToken(slack, timeoutSeconds: timeoutSeconds).With(new Dictionary<string, string?>
        {
            ["SLACK_MESSAGE_INTERVAL_MS"] = intervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SLACK_BURST"] = "2",
            ["SLACK_MAX_WAIT_SECONDS"] = "0",
            ["SLACK_MAX_BATCH"] = maxBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Settings);
        return provider.GetRequiredService<AlertPacer>();
    }

    private static GkeEventNotifier.Model.Alert Alert(int i) =>
        TestAlerts.From("keep-evicted", node => node["jsonPayload"]!["involvedObject"]!["name"] = $"burst-pod-{i:D2}");
}
