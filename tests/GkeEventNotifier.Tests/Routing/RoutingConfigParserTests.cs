using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Tests.Routing;

/// <summary>The routing file: the sample parses, and every mistake names line, column and reason.</summary>
public sealed class RoutingConfigParserTests
{
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["DATA_TEAM_WEBHOOK_URL"] = "https://hooks.slack.com/services/T1/B1/secret-part",
    };

    [Fact]
    public void SampleFile_Parses_WithMentionsAndAWebhookFromTheEnvironment()
    {
        var config = Parse(File.ReadAllText(Samples.Path_("notifier-config.yaml")));

        Assert.Equal(["platform", "payments", "data-team"], config.Receivers.Select(r => r.Name));
        Assert.Equal("<!subteam^S0PLATFORM>", config.Receivers[0].Mention);
        Assert.Equal("<@U0PAYONCALL>", config.Receivers[1].Mention);
        Assert.Equal("https://hooks.slack.com/services/T1/B1/secret-part", config.Receivers[2].WebhookUrl);
        Assert.DoesNotContain("secret-part", config.Receivers[2].ToString(), StringComparison.Ordinal);
        Assert.Equal(["preview-environments", "load-tests"], config.Drops.Select(d => d.Name));
        Assert.Equal([false, true, false], config.Routes.Select(r => r.Continue));
        Assert.Equal("platform", config.DefaultReceiver);
    }

    [Theory]
    [InlineData("receivers:\n  - name: a\n    slack_chanel: C1\n", 3, 5, "unknown key 'slack_chanel'")]
    [InlineData("receivers:\n  - name: a\n    slack_channel: C1\nroutes:\n  - name: r\n    query: resource.type=\"k8s_node\"\n    receiver: b\n", 7, 15, "no receiver is named 'b'")]
    [InlineData("routes:\n  - name: r\n    query: jsonPayload.reason=\"Evicted\" AND (\n    receiver: a\n", 3, 46, "query of 'r' is not a valid Cloud Logging query")]
    [InlineData("drop:\n  - name: d\n    query: |\n      resource.type=\"k8s_pod\"\n      AND thud.reason=\"x\"\n", 5, 11, "query of 'd' is not a valid Cloud Logging query")]
    [InlineData("receivers:\n  - name: a\n    slack_channel: [C1\n", 4, 1, "did not find expected ',' or ']'")]
    [InlineData("receivers:\n  - name: a\n    webhook_url_env: MISSING_URL\n", 3, 22, "environment variable MISSING_URL must hold the webhook's https:// URL; it is not set")]
    [InlineData("receivers:\n  - name: a\n    slack_channel: C1\n    mention_group: '@platform'\n", 4, 20, "mention_group must be a user group ID")]
    [InlineData("receivers:\n  - name: a\n    slack_channel: C1\n    webhook_url_env: DATA_TEAM_WEBHOOK_URL\n", 2, 5, "needs exactly one of slack_channel or webhook_url_env")]
    [InlineData("routes:\n  - name: r\n    query: resource.type=\"k8s_node\"\n", 2, 5, "'receiver' is required here")]
    public void BadFile_IsRejected_WithLineColumnAndReason(string yaml, int line, int column, string reason)
    {
        var error = Assert.Throws<InvalidRoutingConfigException>(() => Parse(yaml));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"NOTIFIER_CONFIG_FILE (routes.yaml): line {line}, column {column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChannelReceiverWithoutBotToken_IsRejected_NamingSlackBotToken()
    {
        var error = Assert.Throws<InvalidRoutingConfigException>(() =>
            new RoutingConfigParser("routes.yaml", "receivers:\n  - name: a\n    slack_channel: C1\n", Environment.GetValueOrDefault, botToken: false).Parse());

        Assert.Contains("needs SLACK_BOT_TOKEN", error.Message, StringComparison.Ordinal);
    }

    private static RoutingConfig Parse(string yaml) =>
        new RoutingConfigParser("routes.yaml", yaml, Environment.GetValueOrDefault, botToken: true).Parse();
}
