using System.Diagnostics;
using GkeEventNotifier.Tests.EndToEnd;

namespace GkeEventNotifier.Tests.AlertState;

/// <summary>
/// The real Firestore emulator (<c>gcloud emulators firestore start</c>) on a free loopback port, in a process group of
/// its own (gcloud runs Java as a child), with its own gcloud configuration directory. It can be stopped and started
/// again on the same port, to play Firestore going down mid-stream.
/// </summary>
public sealed class FirestoreEmulator : IAsyncDisposable
{
    public const string Project = "test-project";

    private readonly string configDirectory = Directory.CreateTempSubdirectory("gke-events-firestore-").FullName;
    private Process? process;

    private FirestoreEmulator(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string HostPort => $"127.0.0.1:{Port}";

    public static async Task<FirestoreEmulator> StartAsync()
    {
        var emulator = new FirestoreEmulator(FreePort.Next());
        try
        {
            await emulator.RestartAsync();
            return emulator;
        }
        catch (InvalidOperationException)
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts it (again) on its port and waits until it listens.</summary>
    public async Task RestartAsync()
    {
        process = ProcessGroup.Start(
            "gcloud",
            ["emulators", "firestore", "start", $"--host-port={HostPort}", "--quiet"],
            new Dictionary<string, string?> { ["CLOUDSDK_CONFIG"] = configDirectory, ["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1" });
        var output = ProcessOutput.Capture(process);
        try
        {
            await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(90), () => process.HasExited);
            await WarmUpAsync();
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"The Firestore emulator did not start: {e.Message}. Its output:\n{output}", e);
        }
    }

    /// <summary>Its first answers come from a cold JVM; one read makes the next ones fast.</summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.GetAsync(new Uri($"http://{HostPort}/v1/projects/{Project}/databases/(default)/documents/warm-up/none"));
    }

    /// <summary>Stops the emulator and everything it started (SIGKILL: Firestore gone at once, as in an outage).</summary>
    public async Task StopAsync()
    {
        if (process is not null)
        {
            await ProcessGroup.StopAsync(process, kill: true);
            process.Dispose();
            process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        ProcessOutput.DeleteQuietly(configDirectory);
    }
}
