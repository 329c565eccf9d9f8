using BenchmarkDotNet.Running;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project tests/GkeEventNotifier.Benchmarks -- --filter '*'</c>;
/// <c>-- alert-state</c> runs the alert-state harness instead (it needs the Firestore emulator).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["alert-state"])
        {
            return await AlertStateBenchmark.RunAsync();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
