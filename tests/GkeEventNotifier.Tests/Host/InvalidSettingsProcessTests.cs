using System.Text.Json;

namespace GkeEventNotifier.Tests.Host;

/// <summary>
/// The built programs run as processes, as a user starts them: a wrong setting stops the function with exit code 1
/// and one CRITICAL JSON log line per problem, labelled with the variable; the CLI prints "error:" lines and exits 2.
/// Never a stack trace, never SIGABRT.
/// </summary>
public sealed class InvalidSettingsProcessTests
{
    [Fact]
    public async Task Function_WithInvalidSettings_LogsOneCriticalLinePerProblem_AndExits1()
    {
        var result = await BuiltProgram.FunctionAsync(new Dictionary<string, string?>
        {
            ["PORT"] = "abc",
            ["SLACK_BOT_TOKEN"] = "xoxb-1-2-secret",
            ["EVENT_FILTER"] = "severity>=",
            ["ALERT_GROUP_WINDOW_MINUTES"] = "-1",
            ["NOTIFIER_CONFIG_FILE"] = Samples.Path_("notifier-config.yaml"),
        });

        Assert.Equal(1, result.ExitCode);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(lines, line => Assert.Equal("CRITICAL", line.GetProperty("severity").GetString()));
        var settings = lines.Select(line => line.GetProperty("logging.googleapis.com/labels").GetProperty("Setting").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["ALERT_GROUP_WINDOW_MINUTES", "EVENT_FILTER", "NOTIFIER_CONFIG_FILE", "PORT", "SLACK_CHANNEL"], settings);
        Assert.Contains(lines, line => line.GetProperty("message").GetString() == "Invalid setting PORT: PORT is not a whole number: it must be a number from 1 to 65535 (a TCP port).");
        Assert.DoesNotContain("secret", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", result.StandardError);
        Cli.SettingsErrorTests.AssertNoInternals(result.StandardOutput);
    }

    [Fact]
    public async Task Function_WithAPortOutOfRange_SaysOutOfRange()
    {
        var result = await BuiltProgram.FunctionAsync(new Dictionary<string, string?> { ["PORT"] = "70000" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PORT is out of range: it must be from 1 to 65535", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_WithAnInvalidSetting_PrintsAnErrorLine_AndExits2()
    {
        var result = await BuiltProgram.CliAsync(["replay", Samples.Path_("gke-events.jsonl")], new Dictionary<string, string?> { ["DEDUP_MAX_EVENTS"] = "0" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Equal("error: DEDUP_MAX_EVENTS is out of range: it must be from 100 to 1000000 (events remembered).", result.StandardError.Trim());
    }
}
