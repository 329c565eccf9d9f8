using BenchmarkDotNet.Running;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project tests/GkeEventNotifier.Benchmarks -- --filter '*'</c>;
/// with <c>rss [function.dll]</c>, the function's memory under load instead (<see cref="MemoryHarness"/>);
/// with <c>alert-state</c>, the alert-state harness (it needs the Firestore emulator); with <c>load</c>, the function's
/// requests per second against a bare ASP.NET Core app (<see cref="LoadRatioHarness"/>, which runs <c>bare-app</c>);
/// with <c>interleaved</c>, <see cref="PipelineBenchmarks"/> with its candidates interleaved (<see cref="InterleavedRatios"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["rss"] => await MemoryHarness.RunAsync(null),
        ["rss", var function] => await MemoryHarness.RunAsync(function),
        ["alert-state"] => await AlertStateBenchmark.RunAsync(),
        ["load"] => await LoadRatioHarness.RunAsync(),
        ["interleaved"] => InterleavedRatios.Run(),
        ["bare-app"] => await LoadRatioHarness.RunBareAppAsync(),
        _ => RunBenchmarks(args),
    };

    private static int RunBenchmarks(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
