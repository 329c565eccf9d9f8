using GkeEventNotifier.Model;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>
/// The channel's history is shared with other apps and with older messages of this one: whatever metadata a message
/// carries, an alert that reads the history back still goes out.
/// </summary>
public sealed class ForeignMetadataTests : FakeSlackOnFakeClock
{
    private const string Channel = "C0ALERTS";

    public static TheoryData<string> ForeignMetadata => new()
    {
        """{"event_type":"deploy_finished","event_payload":{"build":1234,"tags":["a","b"],"who":{"name":"x"},"ok":true,"none":null}}""",
        """{"event_type":"task_created","event_payload":[1,2,3]}""",
        """{"event_type":"task_created"}""",
        """{"event_payload":{"key":"x"}}""",
        """{"event_type":42,"event_payload":"text"}""",
        """ "not an object" """,
        """{"event_type":"gke_event_alert_group","event_payload":{"key":7,"count":{"n":1},"first":[],"last":null}}""",
    };

    [Theory]
    [MemberData(nameof(ForeignMetadata))]
    public async Task AnotherAppsMetadataOfAnyShape_InTheHistory_DoesNotStopTheAlert(string metadata)
    {
        Slack.Seed(Channel, Time.GetUtcNow().AddMinutes(-2), metadata);
        await using var function = PipelineHarness.BotToken(Slack, Time);

        var outcome = await function.SendAsync(TestEntries.Evicted());

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        Assert.Single(Slack.Calls("conversations.history"));
        Assert.Single(Slack.Calls("chat.postMessage"));
    }

    public static TheoryData<string, string, string> OutOfRange => new()
    {
        { "9223372036854775807", "9223372036854775807", "3" },
        { "-1", "1", "3" },
        { "1", "99999999999999999999999", "3" },
        { "1795165923000", "1795165923000", "99999999999" },
        { "1795165923000", "253402300800000", "3" },
        { "1795165923000", "1795165923000", "-4" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task OurOwnGroupMetadataWithOutOfRangeValues_IsIgnored_AndTheAlertOpensANewGroup(string first, string last, string count)
    {
        Slack.Seed(Channel, Time.GetUtcNow().AddMinutes(-2), $$"""
            {"event_type":"gke_event_alert_group","event_payload":{"key":"acme-shop-prod/europe-west1/shop-eu1|shop|Deployment/checkout-api|Evicted",
             "count":"{{count}}","first":"{{first}}","last":"{{last}}","names":"x","node":"","resolved":"false"} }
            """);
        await using var function = PipelineHarness.BotToken(Slack, Time);

        var outcome = await function.SendAsync(TestEntries.Evicted());

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        var post = Assert.Single(Slack.Calls("chat.postMessage")).Json!.Value;
        Assert.False(post.TryGetProperty("thread_ts", out _));
        Assert.Equal("1", post.GetProperty("metadata").GetProperty("event_payload").GetProperty("count").GetString());
        Assert.Empty(Slack.Calls("chat.update"));
    }
}
