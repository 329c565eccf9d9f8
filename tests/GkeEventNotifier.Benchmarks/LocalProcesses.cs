using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GkeEventNotifier.Benchmarks;

/// <summary>What the harnesses that run the function as its own process share: where its build is, a free loopback port, and waiting until it listens.</summary>
internal static class LocalProcesses
{
    /// <summary>The function's build next to this harness's (<c>dotnet build -c Release function.sln</c> builds both).</summary>
    public static string FunctionAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "function.sln")))
        {
            root = root.Parent;
        }

        var configuration = here.Parent?.Name ?? "Release";
        var path = Path.Combine(root?.FullName ?? ".", "src", "GkeEventNotifier.Function", "bin", configuration, here.Name, "GkeEventNotifier.Function.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the function first (dotnet build -c {configuration} function.sln): {path}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitUntilListeningAsync(HttpClient client, Process process, TimeSpan within)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < within && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"an app did not start listening within {within.TotalSeconds:0} s");
    }
}
