namespace GkeEventNotifier.Tests.Cli;

/// <summary>
/// Every setting is checked before the CLI does any work: a wrong one prints an "error:" line naming the variable and
/// exits 2, with no stack trace and no .NET type name, and "not a number" reads differently from "out of range".
/// </summary>
public sealed class SettingsErrorTests
{
    [Theory]
    [InlineData("DEDUP_WINDOW_SECONDS", "-1", "error: DEDUP_WINDOW_SECONDS is out of range: it must be from 0 to 86400")]
    [InlineData("DEDUP_MAX_EVENTS", "0", "error: DEDUP_MAX_EVENTS is out of range: it must be from 100 to 1000000")]
    [InlineData("KUBERNETES_TIMEOUT_SECONDS", "0", "error: KUBERNETES_TIMEOUT_SECONDS is out of range")]
    [InlineData("GKE_API_URL", "notaurl", "error: GKE_API_URL must be an absolute http(s) URL")]
    [InlineData("KUBECONFIG", "/nope/kubeconfig", "error: KUBECONFIG names '/nope/kubeconfig', which does not exist.")]
    [InlineData("NOTIFIER_CONFIG_FILE", "/nope/routing.yaml", "error: NOTIFIER_CONFIG_FILE (/nope/routing.yaml) cannot be read")]
    [InlineData("SLACK_BURST", "0", "error: SLACK_BURST is out of range: it must be from 1 to 100")]
    [InlineData("SLACK_BURST", "three", "error: SLACK_BURST is not a whole number: it must be a number from 1 to 100")]
    [InlineData("SLACK_MAX_BATCH", "99999999999", "error: SLACK_MAX_BATCH is out of range")]
    [InlineData("ALERT_GROUP_WINDOW_MINUTES", "-1", "error: ALERT_GROUP_WINDOW_MINUTES is out of range: it must be from 0 to 10080")]
    [InlineData("ALERT_GROUP_WINDOW_MINUTES", "1.5", "error: ALERT_GROUP_WINDOW_MINUTES is not a whole number")]
    [InlineData("EVENT_FILTER", "severity>=", "error: EVENT_FILTER is not a valid Cloud Logging query")]
    public async Task InvalidSetting_StopsReplayBeforeAnyEntry_WithOneErrorLineNamingIt(string variable, string value, string expected)
    {
        var (code, output, error) = await ReplayCommandTests.Run(["replay", Samples.Path_("gke-events.jsonl")], settings: new() { [variable] = value });

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        AssertNoInternals(error);
    }

    [Fact]
    public async Task SeveralInvalidSettings_AreAllReported_OneLineEach()
    {
        var (code, _, error) = await ReplayCommandTests.Run(["replay", Samples.Path_("gke-events.jsonl")], settings: new()
        {
            ["SLACK_BOT_TOKEN"] = "xoxb-1-2-secret",
            ["DEDUP_MAX_EVENTS"] = "0",
            ["SLACK_TIMEOUT_SECONDS"] = "soon",
        });

        Assert.Equal(2, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("error: ", line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("SLACK_CHANNEL is required with SLACK_BOT_TOKEN", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("SLACK_TIMEOUT_SECONDS is not a whole number", StringComparison.Ordinal));
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
        AssertNoInternals(error);
    }

    internal static void AssertNoInternals(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DataAnnotation", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Options", text, StringComparison.Ordinal);
    }
}
