using GkeEventNotifier.Model;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>How often the channel's history is read back: once per channel per 10 s, however many alerts ask.</summary>
public sealed class HistoryReadTests : FakeSlackOnFakeClock
{
    /// <summary>No pacing, so every alert reaches its group at once.</summary>
    private static readonly Dictionary<string, string?> Unpaced = new() { ["SLACK_MESSAGE_INTERVAL_MS"] = "0", ["SLACK_BURST"] = "100" };

    [Fact]
    public async Task ConcurrentAlertsOfNewGroupsAtColdStart_ShareOneHistoryRead()
    {
        Slack.Latency = request => request.Path == "/api/conversations.history" ? TimeSpan.FromMilliseconds(300) : TimeSpan.Zero;
        await using var function = PipelineHarness.BotToken(Slack, Time, Unpaced);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => function.SendAsync(TestEntries.Evicted($"service{i}-6d8f7b9c5d-qz4lp"))));

        Assert.All(outcomes, outcome => Assert.Equal(OutcomeKind.Alerted, outcome.Kind));
        Assert.Single(Slack.Calls("conversations.history"));
        Assert.Equal(8, Slack.ChannelMessages.Count);
    }

    [Fact]
    public async Task AnotherNewGroupAfterTenSeconds_ReadsTheHistoryAgain()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time, Unpaced);

        await function.SendAsync(TestEntries.Evicted("service0-6d8f7b9c5d-qz4lp"));
        Time.Advance(TimeSpan.FromSeconds(5));
        await function.SendAsync(TestEntries.Evicted("service1-6d8f7b9c5d-qz4lp"));
        Time.Advance(TimeSpan.FromSeconds(6));
        await function.SendAsync(TestEntries.Evicted("service2-6d8f7b9c5d-qz4lp"));

        Assert.Equal(2, Slack.Calls("conversations.history").Count);
    }
}
