using System.Diagnostics;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>
/// A child process started in a session (and process group) of its own with <c>setsid</c>, so that stopping it stops
/// everything it started: the emulator's gcloud wrapper runs Java as a child that outlives a plain kill.
/// </summary>
internal static class ProcessGroup
{
    public static Process Start(string program, IEnumerable<string> arguments, IDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
    }

    /// <summary>SIGTERM (or SIGKILL) to the whole group, then waits for the leader; SIGKILL if it does not stop in time.</summary>
    public static async Task StopAsync(Process process, bool kill = false)
    {
        if (process.HasExited)
        {
            return;
        }

        Signal(process.Id, kill ? "KILL" : "TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Signal(process.Id, "KILL");
            await process.WaitForExitAsync();
        }

        // The leader is gone; make sure no child of the group is left behind.
        Signal(process.Id, "KILL");
    }

    private static void Signal(int processGroup, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, "--", "-" + processGroup])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        kill?.WaitForExit();
    }
}
