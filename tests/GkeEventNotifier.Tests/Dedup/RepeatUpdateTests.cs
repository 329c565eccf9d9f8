using GkeEventNotifier.Tests.Threads;

namespace GkeEventNotifier.Tests.Dedup;

/// <summary>
/// Repeats of an event rewrite its alert with the count (<c>chat.update</c>): one alert's updates go one at a time, so
/// the last shows the latest count; different alerts' updates do not wait for each other behind a slow Slack.
/// </summary>
public sealed class RepeatUpdateTests : FakeSlackOnFakeClock
{
    private static readonly Dictionary<string, string?> Unpaced = new() { ["SLACK_MESSAGE_INTERVAL_MS"] = "0", ["SLACK_BURST"] = "100" };

    [Fact]
    public async Task RepeatsOfTenDifferentEvents_WithASlowChatUpdate_AreUpdatedConcurrently()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time, Unpaced);
        var events = Enumerable.Range(0, 10).Select(i => TestEntries.Evicted($"service{i}-6d8f7b9c5d-qz4lp")).ToList();
        foreach (var entry in events)
        {
            await function.SendAsync(entry);
        }

        Slack.Latency = request => request.Path == "/api/chat.update" ? TimeSpan.FromMilliseconds(700) : TimeSpan.Zero;
        await Task.WhenAll(events.Select(entry => function.SendAsync(entry)));

        Assert.Equal(10, Slack.Calls("chat.update").Count);
        Assert.True(Slack.Overlap("chat.update") >= 5, $"at most {Slack.Overlap("chat.update")} updates were in Slack at once");
    }

    [Fact]
    public async Task ConcurrentRepeatsOfOneEvent_UpdateOneAtATime_AndTheLastShowsTheLatestCount()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time, Unpaced);
        var entry = TestEntries.Evicted();
        await function.SendAsync(entry);

        Slack.Latency = request => request.Path == "/api/chat.update" ? TimeSpan.FromMilliseconds(200) : TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => function.SendAsync(entry)));

        Assert.Equal(1, Slack.Overlap("chat.update"));
        var last = Slack.Calls("chat.update").MaxBy(request => request.ReceivedAt)!;
        Assert.Contains("(seen 4 times)", last.Text, StringComparison.Ordinal);
    }
}
