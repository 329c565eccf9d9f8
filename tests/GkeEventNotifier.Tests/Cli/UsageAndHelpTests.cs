namespace GkeEventNotifier.Tests.Cli;

/// <summary>Exit codes (usage 2, rejected 1, Slack failed 3) and a --help that says what each command reads and returns.</summary>
public sealed class UsageAndHelpTests
{
    [Theory]
    [InlineData("replay")]
    [InlineData("bogus")]
    [InlineData("replay", "a.json", "--no-such-option")]
    [InlineData("filter", "test", "logs.json", "--explain", "first")]
    [InlineData("config", "check", "--env-file")]
    public async Task UsageError_Exits2_WithAnErrorLineAndTheHelpToRead(params string[] args)
    {
        var (code, output, error) = await ReplayCommandTests.Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SLACK_BOT_TOKEN", "replay", "--help")]
    [InlineData("EVENT_FILTER_FILE", "filter", "test", "--help")]
    [InlineData("NOTIFIER_CONFIG_FILE", "config", "check", "--help")]
    [InlineData("config check", "--help")]
    public async Task Help_ListsTheEnvironmentVariablesAndExitCodes(string variable, params string[] args)
    {
        var (code, output, _) = await ReplayCommandTests.Run(args);

        Assert.Equal(0, code);
        Assert.Contains("Environment variables:", output, StringComparison.Ordinal);
        Assert.Contains(variable, output, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", output, StringComparison.Ordinal);
        Assert.Contains("2  ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--filter <FILE>", "filter", "test", "--help")]
    [InlineData("--explain <N>", "filter", "test", "--help")]
    [InlineData("--env-file <FILE>", "config", "check", "--help")]
    public async Task Options_NameTheirArgument(string expected, params string[] args)
    {
        var (_, output, _) = await ReplayCommandTests.Run(args);

        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilterCheckOfAnUnreadableFile_Exits2_AndOfAnInvalidFilter_Exits1()
    {
        var missing = await ReplayCommandTests.Run(["filter", "check", "/no/such.filter"]);
        var invalid = await ReplayCommandTests.Run(["filter", "check", "-"], "severity>=");

        Assert.Equal(2, missing.Code);
        Assert.Equal(1, invalid.Code);
        Assert.StartsWith("-:1:", invalid.Error, StringComparison.Ordinal);
    }
}
