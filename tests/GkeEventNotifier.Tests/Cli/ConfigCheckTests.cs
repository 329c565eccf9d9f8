namespace GkeEventNotifier.Tests.Cli;

/// <summary>gke-events config check: validates every setting and says what the function would run with, sending nothing.</summary>
public sealed class ConfigCheckTests
{
    [Fact]
    public async Task ValidEnvironment_PrintsWhatTheFunctionWouldRunWith()
    {
        var (code, output, error) = await ReplayCommandTests.Run(["config", "check"], settings: new()
        {
            ["SLACK_BOT_TOKEN"] = "xoxb-1-2-secret",
            ["SLACK_CHANNEL"] = "C0ALERTS",
            ["EVENT_FILTER_FILE"] = Samples.Path_("../filters/default.filter"),
            ["NOTIFIER_CONFIG_FILE"] = Samples.Path_("notifier-config.yaml"),
            ["DATA_TEAM_WEBHOOK_URL"] = "https://hooks.slack.com/services/T0/B0/secret",
            ["DEDUP_WINDOW_SECONDS"] = "300",
        });

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Slack:          Web API (chat.postMessage on slack.com) to channel C0ALERTS", output, StringComparison.Ordinal);
        Assert.Contains("Filter:         EVENT_FILTER_FILE (", output, StringComparison.Ordinal);
        Assert.Contains("Routing:        " + Samples.Path_("notifier-config.yaml") + ":", output, StringComparison.Ordinal);
        Assert.Contains("Cluster access: none", output, StringComparison.Ordinal);
        Assert.Contains("State:", output, StringComparison.Ordinal);
        Assert.Contains("repeats within 300 s", output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvFile_IsCheckedInsteadOfTheEnvironment()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "# the function's settings\nexport SLACK_WEBHOOK_URL=\"https://hooks.slack.com/services/T0/B0/secret\"\n\nSLACK_BURST=0\n");
        try
        {
            var (code, output, error) = await ReplayCommandTests.Run(["config", "check", "--env-file", file], settings: new() { ["SLACK_BURST"] = "2" });

            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Equal("error: SLACK_BURST is out of range: it must be from 1 to 100 (messages sent at once).", error.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task EnvFileWithALineThatIsNotASetting_NamesTheLine_WithoutEchoingIt()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "SLACK_CHANNEL=C0ALERTS\nxoxb-pasted-secret\n");
        try
        {
            var (code, _, error) = await ReplayCommandTests.Run(["config", "check", "--env-file", file]);

            Assert.Equal(2, code);
            Assert.Equal($"{file}:2: error: expected KEY=VALUE", error.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task FilterFileOfOnlyComments_IsAnError_AndExits2()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "-- alerts go here\n");
        try
        {
            var (code, output, error) = await ReplayCommandTests.Run(["config", "check"], settings: new() { ["EVENT_FILTER_FILE"] = file });

            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Equal($"error: EVENT_FILTER_FILE ({file}) holds no query (it is only comments), which would alert on every entry: write a query, or unset EVENT_FILTER_FILE to use the built-in default.", error.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task EmptyEventFilterInTheEnvFile_IsAnError_NotTheDefault()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "EVENT_FILTER=\n");
        try
        {
            var (code, _, error) = await ReplayCommandTests.Run(["config", "check", "--env-file", file]);

            Assert.Equal(2, code);
            Assert.Equal("error: EVENT_FILTER holds no query (it is empty), which would alert on every entry: write a query, or unset EVENT_FILTER to use the built-in default.", error.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task InvalidEnvironment_ListsEveryProblem_AndExits2()
    {
        var (code, output, error) = await ReplayCommandTests.Run(["config", "check"], settings: new() { ["SLACK_WEBHOOK_URL"] = "http://hooks.example/secret", ["DEDUP_WINDOW_SECONDS"] = "x" });

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("error: SLACK_WEBHOOK_URL must be an absolute https:// URL", error, StringComparison.Ordinal);
        Assert.Contains("error: DEDUP_WINDOW_SECONDS is not a whole number", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }
}
