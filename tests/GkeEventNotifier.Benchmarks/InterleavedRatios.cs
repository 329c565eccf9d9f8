using System.Runtime.InteropServices;
using System.Text;
using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Filtering.Query;
using GkeEventNotifier.Stages.Ingress;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// <see cref="PipelineBenchmarks"/> measured interleaved: blocks of each candidate in turn, many rounds, medians per
/// block, timed by the CPU time of the measuring thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), not the wall clock. On
/// a machine whose load changes from second to second (shared CI, other builds) the ratios stay meaningful: the load
/// falls on the pipeline and its limits alike, and time the thread spends waiting for a core is not counted, which on
/// an overloaded machine would inflate long blocks more than short ones. BenchmarkDotNet runs one after the other.
/// Run: <c>dotnet run -c Release --project tests/GkeEventNotifier.Benchmarks -- interleaved</c> (Linux).
/// </summary>
internal static partial class InterleavedRatios
{
    private const int ThreadCpuTimeClock = 3; // CLOCK_THREAD_CPUTIME_ID

    private const int Rounds = 201;
    private const int OperationsPerBlock = 200;

    public static int Run()
    {
        var benchmarks = new PipelineBenchmarks();
        benchmarks.Setup();
        var data = PubSubMessage.Of("1", Encoding.UTF8.GetBytes(BenchmarkEntries.DroppedPulled), new Dictionary<string, string>()).Data;
        var filter = LoggingQuery.Parse(DefaultFilter.Text);
        Report("dropped", [
            ("pipeline: dropped by the filter (Normal Pulled)", () => benchmarks.Dropped().GetAwaiter().GetResult()),
            ("  of which: base64, Unicode check, one reader pass (no document)", () => Scan(data)),
            ("  of which: the same + the default filter on what the pass read", () => ScanAndFilter(data, filter)),
            ("limit: base64 + one reader pass to jsonPayload.reason", () => benchmarks.DroppedLimit()),
            ("stricter limit: the same + the default filter by hand", () => benchmarks.DroppedStricterLimit()),
        ]);
        Report("alerted", [
            ("pipeline: alerted (Evicted → Block Kit JSON)", () => benchmarks.Alerted().GetAwaiter().GetResult()),
            ("limit: base64 + one reader pass to jsonPayload.reason", () => benchmarks.AlertedLimit()),
            ("stricter limit: the same + the filter by hand + Utf8JsonWriter of the payload", () => benchmarks.AlertedStricterLimit()),
        ]);
        benchmarks.Cleanup();
        return 0;
    }

    /// <summary>A query that names no field: the pass reads only what the pipeline needs of a dropped event.</summary>
    private static readonly LoggingQuery NoFields = LoggingQuery.Parse("unicorn");

    private static void Scan(ReadOnlyMemory<byte> data)
    {
        using var parsed = ParsedLogEntry.FromBase64(data);
        _ = NoFields.Prejudge(parsed);
    }

    private static void ScanAndFilter(ReadOnlyMemory<byte> data, LoggingQuery filter)
    {
        using var parsed = ParsedLogEntry.FromBase64(data);
        _ = filter.SurelyRejects(parsed);
    }

    private static void Report(string category, (string Name, Action Run)[] candidates)
    {
        var times = candidates.Select(_ => new List<double>()).ToArray();
        var allocated = new long[candidates.Length];
        for (var round = -10; round < Rounds; round++)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var start = ThreadCpuNanoseconds();
                for (var op = 0; op < OperationsPerBlock; op++)
                {
                    candidates[i].Run();
                }

                var elapsed = (double)(ThreadCpuNanoseconds() - start) / OperationsPerBlock;
                allocated[i] = (GC.GetAllocatedBytesForCurrentThread() - before) / OperationsPerBlock;
                if (round >= 0)
                {
                    times[i].Add(elapsed);
                }
            }
        }

        var stricter = Median(times[^1]);
        Console.WriteLine($"{category} ({Rounds} interleaved rounds of {OperationsPerBlock} operations, thread CPU time, medians per operation):");
        for (var i = 0; i < candidates.Length; i++)
        {
            var median = Median(times[i]);
            Console.WriteLine($"  {candidates[i].Name}: {median / 1000:0.00} µs, {allocated[i]} B allocated, {median / stricter:0.00}× the stricter limit ({stricter / median:0.00} of its throughput)");
        }
    }

    private static long ThreadCpuNanoseconds() =>
        ClockGetTime(ThreadCpuTimeClock, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : throw new PlatformNotSupportedException("no thread CPU clock (Linux only)");

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
