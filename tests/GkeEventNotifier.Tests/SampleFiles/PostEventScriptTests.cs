using System.Diagnostics;
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
        Skip.If(!OnPath("curl") && !EmulatorFixture.InCi, "post-event.sh needs curl: apt-get install curl");
        using var trap = new OutsideTrap();
        await using var function = await FunctionProcess.StartAsync(new Dictionary<string, string?>(), trap);

        var (code, output) = await RunAsync("bash", Samples.Path_("post-event.sh"), Samples.Path_("entries/keep-oomkilling.json"), $"http://127.0.0.1:{function.Port}/");
        await WaitForAsync(() => function.Lines.Any(l => l.Severity == "NOTICE"));

        Assert.Equal(0, code);
        Assert.Equal("HTTP 200", output.Trim());
        var alert = Assert.Single(function.Lines, l => l.Severity == "NOTICE");
        Assert.Contains("OOMKilling: Node gke-shop-eu1-highmem-pool-0b8e44d1-m9zt", alert.Message, StringComparison.Ordinal);
        Assert.Contains(function.Lines, l => l.Message.Contains("alerted: OOMKilling", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostEventScript_WithoutArguments_PrintsUsage()
    {
        var (code, _) = await RunAsync("bash", Samples.Path_("post-event.sh"));

        Assert.Equal(2, code);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, output);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}
