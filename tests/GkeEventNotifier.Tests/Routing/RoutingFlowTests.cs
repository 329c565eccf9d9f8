using System.Text.Json.Nodes;
using GkeEventNotifier.Model;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Host;
using GkeEventNotifier.Tests.Threads;

namespace GkeEventNotifier.Tests.Routing;

/// <summary>Real-shaped entries through the pipeline with the sample routing file: who receives what, and who nothing.</summary>
public sealed class RoutingFlowTests : FakeSlackOnFakeClock
{

    [Fact]
    public async Task PaymentsEviction_GoesToThePaymentsChannel_MentioningTheOnCallUser()
    {
        await using var function = WithSampleRoutes();

        var outcome = await function.SendAsync(TestEntries.Evicted("ledger-7c9b5d6f8-bxq2k", ns: "payments"));

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        var post = Assert.Single(Slack.Calls("chat.postMessage")).Json!.Value;
        Assert.Equal("C0PAYMENTS", post.GetProperty("channel").GetString());
        Assert.StartsWith("<@U0PAYONCALL> :red_circle: Evicted", post.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeOom_FansOutToPlatform_AndStopsThere_NoOtherRouteMatching()
    {
        await using var function = WithSampleRoutes();

        await function.SendAsync(Samples.EntryNode("keep-oomkilling"));

        var post = Assert.Single(Slack.Calls("chat.postMessage")).Json!.Value;
        Assert.Equal("C0PLATFORM", post.GetProperty("channel").GetString());
        Assert.StartsWith("<!subteam^S0PLATFORM> ", post.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedJobInDataOnANode_FansOut_ToPlatformAndTheDataTeamsWebhook()
    {
        await using var function = WithSampleRoutes();
        var entry = Samples.EntryNode("keep-oomkilling");
        entry["resource"]!["labels"]!["namespace_name"] = "data";

        await function.SendAsync(entry);

        Assert.Equal("C0PLATFORM", Assert.Single(Slack.Calls("chat.postMessage")).Json!.Value.GetProperty("channel").GetString());
        var webhook = Assert.Single(Slack.Requests, r => r.Path.StartsWith("/services/", StringComparison.Ordinal));
        Assert.Equal("/services/T0DATA/B0DATA/data-team-secret", webhook.Path);
    }

    [Fact]
    public async Task FailedJob_GoesToTheDataTeamsWebhookOnly()
    {
        await using var function = WithSampleRoutes();
        var entry = Samples.EntryNode("keep-backofflimitexceeded");
        entry["jsonPayload"]!["involvedObject"]!["namespace"] = "reports";

        await function.SendAsync(entry);

        Assert.Empty(Slack.Calls("chat.postMessage"));
        Assert.Single(Slack.Requests, r => r.Path == "/services/T0DATA/B0DATA/data-team-secret");
    }

    [Fact]
    public async Task FailedJobInBilling_StopsAtTheFirstMatchingRoute_Payments()
    {
        await using var function = WithSampleRoutes();

        await function.SendAsync(Samples.EntryNode("keep-backofflimitexceeded"));

        Assert.Equal("C0PAYMENTS", Assert.Single(Slack.Calls("chat.postMessage")).Json!.Value.GetProperty("channel").GetString());
    }

    [Theory]
    [InlineData("preview-42", "preview-environments")]
    [InlineData("loadtest", "load-tests")]
    public async Task DropRules_ComeFirst_AndSayWhichRuleDropped(string ns, string rule)
    {
        await using var function = WithSampleRoutes();

        var outcome = await function.SendAsync(TestEntries.Evicted("ledger-7c9b5d6f8-bxq2k", ns: ns));

        Assert.Equal(OutcomeKind.Filtered, outcome.Kind);
        Assert.Contains($"dropped by rule '{rule}'", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(Slack.Requests);
    }

    [Fact]
    public async Task NoRouteMatching_GoesToTheDefaultReceiver()
    {
        await using var function = WithSampleRoutes();

        await function.SendAsync(TestEntries.Evicted());

        Assert.Equal("C0PLATFORM", Assert.Single(Slack.Calls("chat.postMessage")).Json!.Value.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task WithoutARoutingFile_EverythingGoesToSlackChannel()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);

        await function.SendAsync(TestEntries.Evicted("ledger-7c9b5d6f8-bxq2k", ns: "payments"));

        var post = Assert.Single(Slack.Calls("chat.postMessage")).Json!.Value;
        Assert.Equal("C0ALERTS", post.GetProperty("channel").GetString());
        Assert.StartsWith(":red_circle:", post.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadRoutingFile_StopsTheFunctionsStart_WithLineColumnAndReason()
    {
        var file = Path.Combine(Path.GetTempPath(), $"routes-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "receivers:\n  - name: a\n    slack_channel: C1\nroutes:\n  - name: r\n    query: resource.type=\"k8s_node\"\n    receiver: nobody\n");
        try
        {
            var settings = new Dictionary<string, string?>(FakeSlackServerSettings.BotToken(Slack).Settings) { ["NOTIFIER_CONFIG_FILE"] = file };
            var result = await BuiltProgram.FunctionAsync(settings);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"NOTIFIER_CONFIG_FILE ({file}): line 7, column 15: no receiver is named 'nobody'", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private PipelineHarness WithSampleRoutes() => PipelineHarness.BotToken(Slack, Time, new Dictionary<string, string?>
    {
        ["NOTIFIER_CONFIG_FILE"] = Samples.Path_("notifier-config.yaml"),
        ["DATA_TEAM_WEBHOOK_URL"] = new Uri(Slack.BaseUri, "services/T0DATA/B0DATA/data-team-secret").AbsoluteUri,
    });
}
