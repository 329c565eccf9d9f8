using System.Collections.Concurrent;
using System.Diagnostics;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>
/// The function as it runs on Cloud Run: its own process (<c>dotnet GkeEventNotifier.Function.dll</c>, built with the
/// tests) on a loopback port, settings as environment variables, every stdout line kept for assertions. Anything
/// the function tries to reach outside loopback goes through <see cref="OutsideTrap"/> and is counted.
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string?> environment;
    private readonly ConcurrentQueue<FunctionLogLine> lines = new();
    private Process? process;

    private FunctionProcess(Dictionary<string, string?> environment, int port)
    {
        this.environment = environment;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => process?.Id ?? 0;

    public IReadOnlyList<FunctionLogLine> Lines => lines.ToArray();

    public static async Task<FunctionProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, OutsideTrap trap)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>(settings)
        {
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["HTTP_PROXY"] = trap.ProxyUrl,
            ["HTTPS_PROXY"] = trap.ProxyUrl,
            ["NO_PROXY"] = "127.0.0.1,localhost",
        };
        foreach (var inherited in new[] { "SLACK_BOT_TOKEN", "SLACK_CHANNEL", "SLACK_WEBHOOK_URL", "SLACK_API_URL", "KUBECONFIG", "GOOGLE_APPLICATION_CREDENTIALS", "EVENT_FILTER", "EVENT_FILTER_FILE" })
        {
            environment.TryAdd(inherited, null);
        }

        // Every message's outcome, filtered and duplicate ones included, is what these tests wait for and count.
        environment.TryAdd("ROUTINE_OUTCOMES_LOG_LEVEL", "info");

        var function = new FunctionProcess(environment, port);
        await function.RestartAsync();
        return function;
    }

    /// <summary>Starts the process (again) on the same port with the same settings; earlier log lines are kept.</summary>
    public async Task RestartAsync()
    {
        process = ProcessGroup.Start("dotnet", [FunctionDll()], environment);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = process;
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(60), () => started.HasExited);
    }

    /// <summary>SIGKILL: no graceful shutdown, requests in flight are cut off.</summary>
    public async Task KillAsync()
    {
        if (process is not null)
        {
            await ProcessGroup.StopAsync(process, kill: true);
        }
    }

    /// <summary>The highest resident set size of the process so far (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB()
    {
        var line = File.ReadLines($"/proc/{ProcessId}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await ProcessGroup.StopAsync(process);
            process.Dispose();
        }
    }

    /// <summary>The function built next to the tests: same configuration, found from the repository root.</summary>
    private static string FunctionDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "function.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? "", "src", "GkeEventNotifier.Function", "bin", configuration, testOutput.Name, "GkeEventNotifier.Function.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the function first (dotnet build function.sln): {dll} is missing.");
    }

    private void Keep(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            lines.Enqueue(FunctionLogLine.Parse(line));
        }
    }
}
