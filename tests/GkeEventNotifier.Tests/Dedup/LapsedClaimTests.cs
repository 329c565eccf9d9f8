using GkeEventNotifier.Adapters.State;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Stages.Dedup;
using GkeEventNotifier.Tests.AlertState;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Threads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GkeEventNotifier.Tests.Dedup;

/// <summary>
/// The doubling window of shared state: instance A's post reaches Slack, then A dies before its claim is confirmed.
/// The claim lapses and instance B, handed the redelivery, takes it over: B must find A's post by its mark (the same
/// on every instance holding the claim) instead of posting the alert again. Two pipelines on one store and one fake
/// Slack, on a fake clock.
/// </summary>
public sealed class LapsedClaimTests : FakeSlackOnFakeClock, IDisposable
{
    private static readonly Dictionary<string, string?> ShortLease = new() { [AlertStateOptions.LeaseVariable] = "5" };

    private readonly MemoryAlertStateStore shared;
    private readonly StoreThatDies dyingA;

    public LapsedClaimTests()
    {
        shared = new MemoryAlertStateStore(Time, 10_000);
        dyingA = new StoreThatDies(shared);
    }

    [Fact]
    public async Task InstanceDiesAfterSlackTookItsAlert_TheTakeoverFindsThePost_AndDoesNotPostAgain()
    {
        await using var a = Instance(dyingA);
        await using var b = Instance(shared);
        var entry = TestEntries.Evicted(TestEntries.CheckoutPod(0));

        var lost = await DieAfterSlackTakesAPostAsync(a, entry, "msg-1");
        Time.Advance(TimeSpan.FromSeconds(6)); // A's claim lapses unconfirmed
        var outcome = await b.SendAsync(entry, "msg-1");

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        Assert.Single(Slack.Calls("chat.postMessage"));
        Assert.Single(Slack.ChannelMessages);
        Assert.Empty(Slack.ThreadReplies);
        Assert.Empty(Slack.Calls("chat.update")); // the alert is counted once in its group, not twice
        Assert.False(lost.IsCompleted);

        var repeat = await b.SendAsync(Later(entry), "msg-2");

        Assert.Equal(OutcomeKind.Duplicate, repeat.Kind);
        var update = Assert.Single(Slack.Calls("chat.update")).Json!.Value;
        Assert.Equal(Slack.ChannelMessages[0].Ts, update.GetProperty("ts").GetString()); // B confirmed A's post as the alert
    }

    [Fact]
    public async Task InstanceDiesAfterSlackTookItsThreadReply_TheTakeoverFindsTheReply_AndDoesNotReplyAgain()
    {
        await using var a = Instance(dyingA);
        await using var b = Instance(shared);
        await b.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(0)));
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = TestEntries.Evicted(TestEntries.CheckoutPod(1));

        await DieAfterSlackTakesAPostAsync(a, second, "msg-reply");
        Time.Advance(TimeSpan.FromSeconds(6));
        var outcome = await b.SendAsync(second, "msg-reply");

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        Assert.Equal(2, Slack.Calls("chat.postMessage").Count);
        Assert.Single(Slack.ThreadReplies);
        Assert.Contains(Slack.Calls("conversations.replies"), r => r.Query["ts"] == Slack.ChannelMessages[0].Ts);
    }

    [Fact]
    public async Task LapsedClaimWhosePostNeverReachedSlack_IsPostedByTheTakeover()
    {
        await using var unreachable = await FakeSlackServer.StartAsync();
        unreachable.Default = _ => SlackReply.ServerError(503);
        await using var a = PipelineHarness.Build(Time, FakeSlackServerSettings.BotToken(unreachable).With(ShortLease).Settings, services => services.Replace(ServiceDescriptor.Singleton<IAlertStateStore>(dyingA)));
        await using var b = Instance(shared);
        var entry = TestEntries.Evicted(TestEntries.CheckoutPod(0));
        dyingA.DieAfterCreateIn(AlertLedger.EventsCollection);

        _ = a.SendAsync(entry, "msg-1");
        await Eventually.HoldsAsync(() => unreachable.Requests.Count > 0, TimeSpan.FromSeconds(10), () => "A never called Slack");
        Time.Advance(TimeSpan.FromSeconds(6));
        var outcome = await b.SendAsync(entry, "msg-1");

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        Assert.Single(Slack.ChannelMessages);
        Assert.NotEmpty(Slack.Calls("conversations.history")); // searched for A's post first, found none, posted
    }

    public void Dispose() => dyingA.Dispose();

    /// <summary>A handles the message: Slack keeps A's post, and A's store dies before the claim is confirmed.</summary>
    private async Task<Task> DieAfterSlackTakesAPostAsync(PipelineHarness a, System.Text.Json.Nodes.JsonObject entry, string messageId)
    {
        var before = Slack.Calls("chat.postMessage").Count;
        Slack.Latency = request =>
        {
            if (request.Path == "/api/chat.postMessage")
            {
                dyingA.Die();
            }

            return TimeSpan.Zero;
        };
        var handling = a.SendAsync(entry, messageId);
        await Eventually.HoldsAsync(() => Slack.Calls("chat.postMessage").Count > before, TimeSpan.FromSeconds(10), () => "A never posted");
        Slack.Latency = null;
        return handling;
    }

    private PipelineHarness Instance(IAlertStateStore store) =>
        PipelineHarness.BotToken(Slack, Time, ShortLease, services => services.Replace(ServiceDescriptor.Singleton(store)));

    private static System.Text.Json.Nodes.JsonObject Later(System.Text.Json.Nodes.JsonObject entry)
    {
        var later = entry.DeepClone().AsObject();
        later["insertId"] = later["insertId"]!.GetValue<string>() + "-update";
        later["timestamp"] = TestEntries.Start.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return later;
    }
}
