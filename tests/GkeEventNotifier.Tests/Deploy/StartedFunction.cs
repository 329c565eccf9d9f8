using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GkeEventNotifier.Tests.Deploy;

/// <summary>
/// The published function started as the buildpack's entrypoint starts it (<c>cd DIR &amp;&amp; dotnet
/// GkeEventNotifier.Function.dll</c>, with PORT and DOTNET_RUNNING_IN_CONTAINER set) and no Slack settings, so it
/// prints its alerts to stdout.
/// </summary>
internal sealed class StartedFunction : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private StartedFunction(Process process, int port)
    {
        _process = process;
        Uri = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Uri { get; }

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public static StartedFunction Start(string dotnet, string publishDirectory)
    {
        var port = FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
            ["ASPNETCORE_URLS"] = null,
            ["SLACK_BOT_TOKEN"] = null,
            ["SLACK_CHANNEL"] = null,
            ["SLACK_WEBHOOK_URL"] = null,
            ["KUBECONFIG"] = null,
        };
        var info = ExternalTool.StartInfo(dotnet, ["GkeEventNotifier.Function.dll"], publishDirectory, environment);
        var started = new StartedFunction(new Process { StartInfo = info }, port);
        started.Run();
        return started;
    }

    /// <summary>Posts the request until the host answers (it may still be starting), or fails if it exits or never answers.</summary>
    public async Task<HttpResponseMessage> SendWhenReadyAsync(Func<Uri, HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The function exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var message = request(Uri);
                return await client.SendAsync(message, deadline.Token);
            }
            catch (HttpRequestException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
    }

    /// <summary>Waits until the function has printed <paramref name="text"/>, bounded so a missing line fails the test.</summary>
    public Task<bool> PrintsAsync(string text) =>
        Eventually.TrueAsync(() => Output.Contains(text, StringComparison.Ordinal), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Run()
    {
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
