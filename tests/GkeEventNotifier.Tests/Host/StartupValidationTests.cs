namespace GkeEventNotifier.Tests.Host;

/// <summary>A malformed setting stops the function's start with a message naming the variable, and never echoes a secret.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("SLACK_WEBHOOK_URL", "http://hooks.slack.com/services/T1/B1/secret-part", "SLACK_WEBHOOK_URL must be an absolute https:// URL")]
    [InlineData("SLACK_WEBHOOK_URL", "hooks.slack.com/services/T1/B1/secret-part", "SLACK_WEBHOOK_URL must be an absolute https:// URL")]
    [InlineData("SLACK_BOT_TOKEN", "not-a-token-secret-part", "SLACK_BOT_TOKEN must be a Slack bot token")]
    [InlineData("SLACK_API_URL", "ftp://slack.example/api", "SLACK_API_URL must be an absolute https:// URL")]
    [InlineData("SLACK_TIMEOUT_SECONDS", "0", "SLACK_TIMEOUT_SECONDS is out of range: it must be from 1 to 540")]
    [InlineData("MAX_REQUEST_BYTES", "lots", "MAX_REQUEST_BYTES is not a whole number")]
    [InlineData("ROUTINE_OUTCOMES_LOG_LEVEL", "verbose", "ROUTINE_OUTCOMES_LOG_LEVEL must be 'debug' or 'info'")]
    public async Task MalformedSetting_StopsTheStart_NamingTheVariable(string variable, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { [variable] = value };
        if (variable == "SLACK_BOT_TOKEN")
        {
            settings["SLACK_CHANNEL"] = "C0ALERTS";
        }

        var result = await BuiltProgram.FunctionAsync(settings);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BotTokenWithoutChannel_StopsTheStart_NamingSlackChannel()
    {
        var result = await BuiltProgram.FunctionAsync(new Dictionary<string, string?> { ["SLACK_BOT_TOKEN"] = "xoxb-1-2-3" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SLACK_CHANNEL is required with SLACK_BOT_TOKEN", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookAndBotTogether_StopsTheStart()
    {
        var result = await BuiltProgram.FunctionAsync(new Dictionary<string, string?>
        {
            ["SLACK_BOT_TOKEN"] = "xoxb-1-2-3",
            ["SLACK_CHANNEL"] = "C0ALERTS",
            ["SLACK_WEBHOOK_URL"] = "https://hooks.slack.com/services/T1/B1/x",
        });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not both", result.StandardOutput, StringComparison.Ordinal);
    }
}
