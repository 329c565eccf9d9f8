using GkeEventNotifier.Tests.Fakes;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>Grouping against a fake Slack: thread_ts of replies, chat.update bodies and the metadata that survives a cold start.</summary>
public sealed class ThreadTests : FakeSlackOnFakeClock
{

    [Fact]
    public async Task RepeatedEvictionsOfOneDeployment_ReplyInTheFirstAlertsThread_AndUpdateItWithACounter()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);

        for (var i = 0; i < 3; i++)
        {
            await function.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(i)));
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        var posts = Slack.Calls("chat.postMessage").Select(r => r.Json!.Value).ToList();
        Assert.Equal(3, posts.Count);
        Assert.False(posts[0].TryGetProperty("thread_ts", out _));
        var firstTs = Slack.ChannelMessages.Single().Ts;
        Assert.All(posts.Skip(1), reply => Assert.Equal(firstTs, reply.GetProperty("thread_ts").GetString()));
        Assert.Equal("gke_event_alert_group", posts[0].GetProperty("metadata").GetProperty("event_type").GetString());

        var updates = Slack.Calls("chat.update").Select(r => r.Json!.Value).ToList();
        Assert.Equal(2, updates.Count);
        var last = updates[^1];
        Assert.Equal(firstTs, last.GetProperty("ts").GetString());
        Assert.Equal("C0ALERTS", last.GetProperty("channel").GetString());
        Assert.StartsWith($"3 pods Evicted on {TestEntries.Node}: 3 events in 2 min", last.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("latest 2026-11-20 09:16:03 UTC", last.GetProperty("attachments").GetRawText(), StringComparison.Ordinal);
        var payload = last.GetProperty("metadata").GetProperty("event_payload");
        Assert.Equal("3", payload.GetProperty("count").GetString());
        Assert.Equal("acme-shop-prod/europe-west1/shop-eu1|shop|Deployment/checkout-api|Evicted", payload.GetProperty("key").GetString());
    }

    [Fact]
    public async Task ColdStartInTheMiddleOfAGroup_ReadsTheStateBackFromSlack_AndContinuesTheSameThread()
    {
        await using (var before = PipelineHarness.BotToken(Slack, Time))
        {
            await before.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(0)));
            Time.Advance(TimeSpan.FromMinutes(5));
            await before.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(1)));
        }

        Time.Advance(TimeSpan.FromMinutes(5));
        await using var after = PipelineHarness.BotToken(Slack, Time);
        await after.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(2)));

        // One read when the group was new, one after the cold start; none while the first instance remembered it.
        Assert.Equal(2, Slack.Calls("conversations.history").Count);
        var history = Slack.Calls("conversations.history")[^1];
        Assert.Equal("C0ALERTS", history.Query["channel"]);
        Assert.Equal("true", history.Query["include_all_metadata"]);
        var firstTs = Assert.Single(Slack.ChannelMessages).Ts;
        var reply = Slack.Calls("chat.postMessage")[^1].Json!.Value;
        Assert.Equal(firstTs, reply.GetProperty("thread_ts").GetString());
        var update = Slack.Calls("chat.update")[^1].Json!.Value;
        Assert.Equal("3", update.GetProperty("metadata").GetProperty("event_payload").GetProperty("count").GetString());
        Assert.StartsWith($"3 pods Evicted on {TestEntries.Node}: 3 events in 10 min", update.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnePodsThreeFailedPulls_CountOnePod_AndThreeEvents()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);

        foreach (var message in new[] { "Failed to pull image \"registry.example/cart:9.9\": not found", "Error: ErrImagePull", "Error: ImagePullBackOff" })
        {
            var entry = Samples.EntryNode("keep-failed-errimagepull");
            entry["jsonPayload"]!["message"] = message;
            entry["jsonPayload"]!["metadata"]!["uid"] = Guid.NewGuid().ToString();
            entry["insertId"] = Guid.NewGuid().ToString("N")[..15];
            await function.SendAsync(entry);
            Time.Advance(TimeSpan.FromSeconds(20));
        }

        var text = Slack.Calls("chat.update")[^1].Json!.Value.GetProperty("text").GetString()!;
        Assert.StartsWith("1 pod image pull on ", text, StringComparison.Ordinal);
        Assert.Contains(": 3 events in under 1 min · ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(seen", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DistinctPodsBeyondTheNamesShown_AreStillToldApartAfterAColdStart()
    {
        await using (var before = PipelineHarness.BotToken(Slack, Time))
        {
            for (var i = 0; i < 6; i++)
            {
                await before.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(i)));
                Time.Advance(TimeSpan.FromSeconds(10));
            }
        }

        await using var after = PipelineHarness.BotToken(Slack, Time);
        await after.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(5)));
        await after.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(6)));

        var texts = Slack.Calls("chat.update").Select(u => u.Json!.Value.GetProperty("text").GetString()!).ToList();
        Assert.StartsWith($"6 pods Evicted on {TestEntries.Node}: 7 events in 1 min", texts[^2], StringComparison.Ordinal);
        Assert.StartsWith($"7 pods Evicted on {TestEntries.Node}: 8 events in 1 min", texts[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BurstOfEvictions_BecomesOneSummary_NotAFlood()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time, new Dictionary<string, string?> { ["ALERT_BURST_THRESHOLD"] = "3" });

        for (var i = 0; i < 37; i++)
        {
            await function.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(i)));
            Time.Advance(TimeSpan.FromSeconds(3.5));
        }

        var posts = Slack.Calls("chat.postMessage").Select(r => r.Json!.Value.GetProperty("text").GetString()!).ToList();
        Assert.Equal(4, posts.Count);
        Assert.StartsWith($"4 pods Evicted on {TestEntries.Node}: 4 events in under 1 min. More than 3 alerts", posts[3], StringComparison.Ordinal);
        var last = Slack.Calls("chat.update")[^1].Json!.Value;
        Assert.StartsWith($"37 pods Evicted on {TestEntries.Node}: 37 events in 2 min", last.GetProperty("text").GetString(), StringComparison.Ordinal);
        var blocks = string.Join("\n", Fakes.RecordedRequest.Strings(last.GetProperty("attachments")));
        Assert.Contains(TestEntries.CheckoutPod(0), blocks, StringComparison.Ordinal);
        Assert.Contains(TestEntries.CheckoutPod(4), blocks, StringComparison.Ordinal);
        Assert.DoesNotContain(TestEntries.CheckoutPod(5) + "`", blocks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameProblemAfterTheWindow_OpensANewThread()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time, new Dictionary<string, string?> { ["ALERT_GROUP_WINDOW_MINUTES"] = "30" });

        await function.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(0)));
        Time.Advance(TimeSpan.FromMinutes(31));
        await function.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(1)));

        Assert.Equal(2, Slack.ChannelMessages.Count);
        Assert.Empty(Slack.Calls("chat.update"));
    }

    [Fact]
    public async Task DifferentWorkloadsAndNamespaces_AreSeparateThreads()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);

        await function.SendAsync(TestEntries.Evicted("checkout-api-6d8f7b9c5d-qz4lp"));
        await function.SendAsync(TestEntries.Evicted("cart-5c7d9b8f6c-bbcdx"));
        await function.SendAsync(TestEntries.Evicted("checkout-api-6d8f7b9c5d-qz4lp", ns: "shop-staging"));

        Assert.Equal(3, Slack.ChannelMessages.Count);
        Assert.Empty(Slack.Calls("chat.update"));
    }

    [Fact]
    public async Task FirstMessageDeletedInSlack_StartsANewThread_InsteadOfFailingForever()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);
        await function.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(0)));
        Slack.ThenWhen(request => SlackReply.Json($$"""{"ok":true,"channel":"C0ALERTS","ts":"{{request.Json!.Value.GetProperty("thread_ts").GetString()}}9"}"""))
            .Then(SlackReply.Error("message_not_found"));

        await function.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(1)));

        var last = Slack.Calls("chat.postMessage")[^1].Json!.Value;
        Assert.False(last.TryGetProperty("thread_ts", out _));
        Assert.Equal("1", last.GetProperty("metadata").GetProperty("event_payload").GetProperty("count").GetString());
    }

    [Fact]
    public async Task Webhook_HasNoThreads_SoTheNextAlertCarriesTheCounter_AndBurstsAreSummarisedAtDoublingCounts()
    {
        await using var function = PipelineHarness.Webhook(Slack, Time, new Dictionary<string, string?> { ["ALERT_BURST_THRESHOLD"] = "3" });

        for (var i = 0; i < 12; i++)
        {
            await function.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(i)));
            Time.Advance(TimeSpan.FromSeconds(10));
        }

        var texts = Slack.Requests.Select(r => r.Json!.Value.GetProperty("text").GetString()!).ToList();
        Assert.Equal(6, texts.Count);
        Assert.StartsWith(":red_circle: Evicted", texts[0], StringComparison.Ordinal);
        Assert.StartsWith($"2 pods Evicted on {TestEntries.Node}: 2 events in under 1 min · :red_circle: Evicted: Pod shop/{TestEntries.CheckoutPod(1)} in ", texts[1], StringComparison.Ordinal);
        Assert.StartsWith("4 pods", texts[3], StringComparison.Ordinal);
        Assert.StartsWith("6 pods", texts[4], StringComparison.Ordinal);
        Assert.StartsWith($"12 pods Evicted on {TestEntries.Node}: 12 events in 1 min", texts[5], StringComparison.Ordinal);
        Assert.Empty(Slack.Calls("chat.update"));
        Assert.Empty(Slack.Calls("conversations.history"));
    }
}
