namespace GkeEventNotifier.Tests.Host;

/// <summary>A malformed setting stops the start with a message naming the variable, and never echoes a secret.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("SLACK_WEBHOOK_URL", "http://hooks.slack.com/services/T1/B1/secret-part", "SLACK_WEBHOOK_URL must be an absolute https:// URL")]
    [InlineData("SLACK_WEBHOOK_URL", "hooks.slack.com/services/T1/B1/secret-part", "SLACK_WEBHOOK_URL must be an absolute https:// URL")]
    [InlineData("SLACK_BOT_TOKEN", "not-a-token-secret-part", "SLACK_BOT_TOKEN must be a Slack bot token")]
    [InlineData("SLACK_API_URL", "ftp://slack.example/api", "SLACK_API_URL must be an absolute https:// URL")]
    [InlineData("SLACK_TIMEOUT_SECONDS", "0", "SLACK_TIMEOUT_SECONDS must be between 1 and 540")]
    [InlineData("MAX_REQUEST_BYTES", "lots", "MAX_REQUEST_BYTES must be between")]
    public void MalformedSetting_StopsTheStart_NamingTheVariable(string variable, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { [variable] = value };
        if (variable == "SLACK_BOT_TOKEN")
        {
            settings["SLACK_CHANNEL"] = "C0ALERTS";
        }

        using var factory = new FunctionFactory(settings);

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BotTokenWithoutChannel_StopsTheStart_NamingSlackChannel()
    {
        using var factory = new FunctionFactory(new Dictionary<string, string?> { ["SLACK_BOT_TOKEN"] = "xoxb-1-2-3" });

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("SLACK_CHANNEL is required with SLACK_BOT_TOKEN", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WebhookAndBotTogether_StopsTheStart()
    {
        using var factory = new FunctionFactory(new Dictionary<string, string?>
        {
            ["SLACK_BOT_TOKEN"] = "xoxb-1-2-3",
            ["SLACK_CHANNEL"] = "C0ALERTS",
            ["SLACK_WEBHOOK_URL"] = "https://hooks.slack.com/services/T1/B1/x",
        });

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("not both", exception.Message, StringComparison.Ordinal);
    }
}
