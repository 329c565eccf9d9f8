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
        await Eventually.TrueAsync(() => function.Lines.Any(l => l.Severity == "NOTICE"), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("HTTP 200", result.StandardOutput.Trim());
        var alert = Assert.Single(function.Lines, l => l.Severity == "NOTICE");
        Assert.Contains("OOMKilling: Node gke-shop-eu1-highmem-pool-0b8e44d1-m9zt", alert.Message, StringComparison.Ordinal);
        Assert.Contains(function.Lines, l => l.Message.Contains("alerted: OOMKilling", StringComparison.Ordinal));
        Assert.Contains(function.Lines, l => l.Severity == "INFO" && l.Message == $"Listening on :{function.Port}");
    }

    [Fact]
    public async Task PostEventScript_WithoutArguments_PrintsUsage()
    {
        var result = await RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("usage:", result.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PostEventScript_WaitsForTheFunctionToListen_ThenPosts()
    {
        ExternalTool.Require("curl", "apt-get install curl");
        var port = FreePort.Next();
        var script = RunAsync(Samples.Path_("entries/keep-evicted.json"), $"http://127.0.0.1:{port}/");
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        listener.Start();
        var request = AnswerOnceAsync(listener);

        var result = await script;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("HTTP 200", result.StandardOutput.Trim());
        Assert.Contains("waiting for the function on 127.0.0.1:", result.StandardError, StringComparison.Ordinal);
        Assert.StartsWith("POST / HTTP/1.1", await request, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PostEventScript_GivesUpAfterItsBoundedWait_SayingWhatToCheck()
    {
        ExternalTool.Require("curl", "apt-get install curl");
        var port = FreePort.Next();

        var result = await ExternalTool.RunAsync(
            "bash", [Samples.Path_("post-event.sh"), Samples.Path_("entries/keep-evicted.json"), $"http://127.0.0.1:{port}/"], Samples.Directory,
            new Dictionary<string, string?> { ["POST_EVENT_WAIT_SECONDS"] = "2" }, TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: nothing listens on 127.0.0.1:{port} after 2 s", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// Accepts connections until one carries a request (the script's port probe connects and closes without one),
    /// answers it 200 and returns its head.
    /// </summary>
    private static async Task<string> AnswerOnceAsync(System.Net.Sockets.TcpListener listener)
    {
        while (true)
        {
            using var client = await listener.AcceptTcpClientAsync();
            using var stream = client.GetStream();
            var buffer = new byte[64 * 1024];
            var received = new System.Text.StringBuilder();
            int read;
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            }

            if (received.Length > 0)
            {
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
                return received.ToString();
            }
        }
    }

    private static Task<ToolResult> RunAsync(params string[] args) =>
        ExternalTool.RunAsync("bash", [Samples.Path_("post-event.sh"), .. args], Samples.Directory, new Dictionary<string, string?>(), TimeSpan.FromSeconds(60), CancellationToken.None);

}
