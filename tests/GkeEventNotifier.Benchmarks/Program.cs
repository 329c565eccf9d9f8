using BenchmarkDotNet.Running;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project tests/GkeEventNotifier.Benchmarks -- --filter '*'</c>;
/// with <c>rss</c>, the function's memory under load instead (<see cref="MemoryHarness"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["rss"])
        {
            return await MemoryHarness.RunAsync();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
