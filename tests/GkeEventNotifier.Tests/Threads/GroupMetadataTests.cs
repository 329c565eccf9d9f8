using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>A group's state travels in its first message's metadata: bounded, whatever lengths the event's names have.</summary>
public sealed class GroupMetadataTests : FakeSlackOnFakeClock
{
    [Fact]
    public async Task HugeNamesFromTheEvent_AreCutInTheMetadata_AndTheGroupStillContinues()
    {
        var pod = "checkout-api-6d8f7b9c5d-" + new string('q', 100_000);
        var ns = "shop-" + new string('n', 100_000);
        await using var function = PipelineHarness.BotToken(Slack, Time);

        await function.SendAsync(TestEntries.Evicted(pod, ns: ns));
        Time.Advance(TimeSpan.FromMinutes(1));
        await function.SendAsync(TestEntries.Evicted(pod, ns: ns));

        var payload = Slack.Calls("chat.postMessage")[0].Json!.Value.GetProperty("metadata").GetProperty("event_payload");
        Assert.InRange(payload.GetProperty("key").GetString()!.Length, 1, GroupKey.MaxIdLength);
        Assert.InRange(payload.GetProperty("names").GetString()!.Length, 1, GroupState.MaxNameLength);
        Assert.InRange(payload.GetRawText().Length, 1, 2048);
        Assert.Single(Slack.ChannelMessages);
        Assert.Equal(Slack.ChannelMessages[0].Ts, Slack.Calls("chat.postMessage")[^1].Json!.Value.GetProperty("thread_ts").GetString());
    }
}
