using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GkeEventNotifier.Tests.Fakes;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>
/// Nothing lost, nothing doubled, through the real Pub/Sub emulator: LogEntries published as the sink does, pushed as
/// Eventarc does to the function running as a process, and what the fake Slack server accepted.
/// </summary>
[Collection(EmulatorTestGroup.Name)]
public sealed class DeliveryTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task RepeatedEntriesOfOneEvent_PostOneAlert_ThatShowsTheCount()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Emulator());
        var evicted = TestEntries.Distinct("keep-evicted", "cart-7c9d-aaaa1", "shop", second: 0);
        var other = TestEntries.Distinct("keep-backofflimitexceeded", "nightly-report-29112", "batch", second: 1);

        var first = await scenario.PublishAsync(evicted, other);
        await scenario.WaitForOutcomesAsync(first, Patience);
        var repeats = await scenario.PublishAsync(TestEntries.Update(evicted, 60), TestEntries.Combined(evicted, 90));
        await scenario.WaitForOutcomesAsync(repeats, Patience);

        var posts = scenario.Slack.Delivered.Where(r => r.Path == "/api/chat.postMessage").ToList();
        Assert.Single(posts, p => p.Text.Contains("cart-7c9d-aaaa1", StringComparison.Ordinal));
        Assert.Single(posts, p => p.Text.Contains("nightly-report", StringComparison.Ordinal));
        var update = scenario.Slack.Delivered.Last(r => r.Path == "/api/chat.update");
        Assert.Contains("Evicted: Pod shop/cart-7c9d-aaaa1 (seen 3 times)", update.Text, StringComparison.Ordinal);
        scenario.AssertNoSecretsLoggedAndLoopbackOnly();
    }

    [SkippableFact]
    public async Task SlackFailingThenRateLimiting_EveryAlertArrivesAfterItRecovers_NoneTwice()
    {
        var outageUntil = DateTimeOffset.UtcNow.AddSeconds(45);
        await using var scenario = await Scenario.StartAsync(fixture.Emulator(), slack =>
        {
            var settings = Scenario.BotTokenSettings(slack);
            settings["SLACK_TIMEOUT_SECONDS"] = "3";
            return settings;
        });
        var rateLimitedFrom = outageUntil.AddSeconds(-20);
        scenario.Slack.Default = _ =>
            DateTimeOffset.UtcNow < rateLimitedFrom ? SlackReply.ServerError(500)
            : DateTimeOffset.UtcNow < outageUntil ? SlackReply.RateLimited(2)
            : SlackReply.Json("""{"ok":true,"channel":"C0E2EALERTS","ts":"1700000001.000100"}""");
        var pods = Enumerable.Range(1, 6).Select(i => $"payments-api-5f6d-out{i}").ToList();

        var ids = await scenario.PublishAsync(pods.Select((pod, i) => TestEntries.Distinct("keep-evicted", pod, "payments", i)).ToArray());
        await scenario.WaitForOutcomesAsync(ids, TimeSpan.FromSeconds(150));

        Assert.All(pods, pod => Assert.Single(scenario.Slack.Delivered, r => r.Text.Contains(pod, StringComparison.Ordinal)));
        Assert.Contains(scenario.Function.Lines, l => l.Severity == "ERROR" && l.Message.Contains("kept for retry", StringComparison.Ordinal));
        scenario.AssertNoSecretsLoggedAndLoopbackOnly();
    }

    [SkippableFact]
    public async Task FunctionKilledMidStream_AndRestarted_LosesNothing()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Emulator(), slack =>
        {
            var settings = Scenario.BotTokenSettings(slack);
            settings["SLACK_MESSAGE_INTERVAL_MS"] = "150";
            settings["SLACK_BURST"] = "1";
            settings["SLACK_MAX_WAIT_SECONDS"] = "20";
            return settings;
        });
        scenario.Slack.Default = _ => SlackReply.Json("""{"ok":true,"channel":"C0E2EALERTS","ts":"1700000002.000100"}""") with { Delay = TimeSpan.FromMilliseconds(300) };
        var pods = Enumerable.Range(1, 24).Select(i => $"orders-worker-8b7c-k{i:D2}").ToList();

        var ids = await scenario.PublishAsync(pods.Select((pod, i) => TestEntries.Distinct("keep-evicted", pod, "orders", i)).ToArray());
        await Eventually.HoldsAsync(() => scenario.Slack.Delivered.Count >= 5, Patience, () => $"{scenario.Slack.Delivered.Count} of 5 messages delivered to Slack before the kill");
        await scenario.Function.KillAsync();
        await scenario.Function.RestartAsync();
        await scenario.WaitForOutcomesAsync(ids, TimeSpan.FromSeconds(120));

        Assert.All(pods, pod => Assert.Contains(scenario.Slack.Delivered, r => r.Text.Contains(pod, StringComparison.Ordinal)));
        scenario.AssertNoSecretsLoggedAndLoopbackOnly();
    }

    [SkippableFact]
    public async Task PoisonMessage_IsAcknowledgedOnce_LoggedAtErrorWithItsId_AndTheStreamGoesOn()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Emulator(), slack => new Dictionary<string, string?>
        {
            ["SLACK_WEBHOOK_URL"] = slack.WebhookUri.AbsoluteUri,
            ["SLACK_TIMEOUT_SECONDS"] = "5",
        });
        var poison = new JsonObject { ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"insertId\": \"truncated")) };

        var poisonId = Assert.Single(await scenario.Emulator.PublishRawAsync(scenario.Topic, [poison]));
        var goodIds = await scenario.PublishAsync(TestEntries.Distinct("keep-oomkilling", "after-poison"));
        await scenario.WaitForOutcomesAsync(goodIds.Append(poisonId), Patience);
        await Task.Delay(TimeSpan.FromSeconds(12));

        var logged = Assert.Single(scenario.Function.Lines, l => l.MessageId == poisonId);
        Assert.Equal("ERROR", logged.Severity);
        Assert.StartsWith($"Message {poisonId} can never become an alert and is acknowledged", logged.Message, StringComparison.Ordinal);
        Assert.Single(scenario.Slack.Delivered, r => r.Text.Contains("OOMKilling", StringComparison.Ordinal));
        scenario.AssertNoSecretsLoggedAndLoopbackOnly("fake-webhook-secret", scenario.Slack.WebhookUri.AbsoluteUri);
    }

    [SkippableFact]
    public async Task KubernetesApiDown_TheOomAlertStillGoesOut_SayingThePodsCouldNotBeLookedUp()
    {
        var kubeconfig = KubeconfigToClosedPort();
        try
        {
            await using var scenario = await Scenario.StartAsync(fixture.Emulator(), slack =>
            {
                var settings = Scenario.BotTokenSettings(slack);
                settings["KUBECONFIG"] = kubeconfig;
                return settings;
            });

            var ids = await scenario.PublishAsync(TestEntries.Distinct("keep-oomkilling", "api-down"));
            await scenario.WaitForOutcomesAsync(ids, Patience);

            var alert = Assert.Single(scenario.Slack.Delivered);
            Assert.Contains("OOMKilling", alert.Text, StringComparison.Ordinal);
            Assert.Contains("unknown (look-up failed)", alert.Text, StringComparison.Ordinal);
            Assert.Contains(scenario.Function.Lines, l => l.MessageId == ids[0] && l.Message.Contains("alerted", StringComparison.Ordinal));
            scenario.AssertNoSecretsLoggedAndLoopbackOnly("kubeconfig-e2e-secret-token");
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [SkippableFact]
    public async Task HostileEventText_CannotPingOrForgeLinks_AndOversizedBodiesAreRefused()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Emulator());
        var hostile = JsonNode.Parse(TestEntries.Distinct("keep-failed-errimagepull", "hostile-pod"))!;
        hostile["jsonPayload"]!["message"] = "Failed: <!channel> <!here> @here @channel <https://evil.example/login|Open the runbook> & more";

        var ids = await scenario.PublishAsync(hostile.ToJsonString());
        await scenario.WaitForOutcomesAsync(ids, Patience);
        using var http = new HttpClient();
        var oversized = await http.PostAsync(new Uri($"http://127.0.0.1:{scenario.Function.Port}/"), new StringContent(new string('x', 2 * 1024 * 1024), Encoding.UTF8, "application/json"));

        // Text is every JSON string decoded: the raw body writes '<' as \u003C, so only decoded text can show a mention.
        var delivered = Assert.Single(scenario.Slack.Delivered);
        Assert.DoesNotContain("<!channel>", delivered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!here>", delivered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://evil.example", delivered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("link_names", delivered.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", scenario.Slack.Delivered[0].Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        scenario.AssertNoSecretsLoggedAndLoopbackOnly();
    }

    private static string KubeconfigToClosedPort()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kubeconfig-e2e-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: shop-eu1
              cluster:
                server: https://127.0.0.1:{FreePort.Next()}
                insecure-skip-tls-verify: true
            users:
            - name: e2e
              user:
                token: kubeconfig-e2e-secret-token
            contexts:
            - name: shop-eu1
              context:
                cluster: shop-eu1
                user: e2e
            current-context: shop-eu1
            """);
        return path;
    }
}
