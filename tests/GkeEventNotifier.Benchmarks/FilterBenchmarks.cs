using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Filtering.Query;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// The default filter (filters/default.filter) evaluated on one LogEntry it keeps and one it drops, next to the cost
/// of decoding that LogEntry (JSON parse + <see cref="LogEntryDecoder"/>), the step that runs before it on every message.
/// </summary>
[MemoryDiagnoser]
public class FilterBenchmarks
{
    private LoggingQuery filter = null!;
    private JsonDocument kept = null!;
    private JsonDocument dropped = null!;
    private byte[] keptBytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        filter = LoggingQuery.Parse(DefaultFilter.Text);
        keptBytes = Encoding.UTF8.GetBytes(BenchmarkEntries.AlertedEvicted);
        kept = JsonDocument.Parse(keptBytes);
        dropped = JsonDocument.Parse(BenchmarkEntries.DroppedPulled);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        kept.Dispose();
        dropped.Dispose();
    }

    [Benchmark(Baseline = true, Description = "decode the LogEntry (JSON parse + decoder)")]
    public DecodeResult Decode() => LogEntryDecoder.Decode(keptBytes);

    [Benchmark(Description = "default filter, kept entry (Evicted)")]
    public bool EvaluateKept() => filter.Matches(kept.RootElement);

    [Benchmark(Description = "default filter, dropped entry (Normal Pulled)")]
    public bool EvaluateDropped() => filter.Matches(dropped.RootElement);

    [Benchmark(Description = "parse the default filter (once, at start-up)")]
    public string Parse() => LoggingQuery.Parse(DefaultFilter.Text).Text;
}
