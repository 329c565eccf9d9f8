using GkeEventNotifier.Tests.Deploy;
using GkeEventNotifier.Tests.EndToEnd;

namespace GkeEventNotifier.Tests.SampleFiles;

/// <summary>
/// samples/post-event.sh, the README's way to send one event to a running function "the way Eventarc does":
/// run for real (bash and curl) against the function running as its own process.
/// </summary>
public sealed class PostEventScriptTests
{
    [SkippableFact]
    public async Task PostEventScript_DeliversASampleToARunningFunction_WhichPrintsTheAlert()
    {
        ExternalTool.Require("curl", "apt-get install curl");
        using var trap = new OutsideTrap();
        await using var function = await FunctionProcess.StartAsync(new Dictionary<string, string?>(), trap);

        var result = await RunAsync(Samples.Path_("entries/keep-oomkilling.json"), $"http://127.0.0.1:{function.Port}/");
        await WaitForAsync(() => function.Lines.Any(l => l.Severity == "NOTICE"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("HTTP 200", result.StandardOutput.Trim());
        var alert = Assert.Single(function.Lines, l => l.Severity == "NOTICE");
        Assert.Contains("OOMKilling: Node gke-shop-eu1-highmem-pool-0b8e44d1-m9zt", alert.Message, StringComparison.Ordinal);
        Assert.Contains(function.Lines, l => l.Message.Contains("alerted: OOMKilling", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostEventScript_WithoutArguments_PrintsUsage()
    {
        var result = await RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("usage:", result.StandardError, StringComparison.Ordinal);
    }

    private static Task<ToolResult> RunAsync(params string[] args) =>
        ExternalTool.RunAsync("bash", [Samples.Path_("post-event.sh"), .. args], Samples.Directory, new Dictionary<string, string?>(), TimeSpan.FromSeconds(60), CancellationToken.None);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }
}
