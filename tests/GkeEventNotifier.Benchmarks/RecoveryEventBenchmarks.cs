using System.Text;
using BenchmarkDotNet.Attributes;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Ingress;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// What a recovery signal that closes nothing costs the function (README, "Incidents"): a successful image pull with no
/// open incident, against the baseline of an entry the filter drops, in the same run. The alert state is in memory, so
/// the figure is the function's own work; with Firestore each such event adds one document read per receiver.
/// </summary>
[MemoryDiagnoser]
public class RecoveryEventBenchmarks
{
    private EventPipeline pipeline = null!;
    private PubSubMessage dropped = null!;
    private PubSubMessage recovery = null!;

    [GlobalSetup]
    public void Setup()
    {
        pipeline = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddGkeEventNotifier(new ConfigurationBuilder().Build())
            .BuildServiceProvider()
            .GetRequiredService<EventPipeline>();
        dropped = Message(BenchmarkEntries.DroppedPulled);
        recovery = Message(BenchmarkEntries.RecoveryPulled);
    }

    [Benchmark(Baseline = true, Description = "dropped by the filter (Pulled, already present)")]
    public Task<PipelineOutcome> Dropped() => pipeline.HandleAsync(dropped, CancellationToken.None);

    [Benchmark(Description = "recovery closing nothing (Pulled, successfully pulled)")]
    public Task<PipelineOutcome> RecoveryClosingNothing() => pipeline.HandleAsync(recovery, CancellationToken.None);

    private static PubSubMessage Message(string json) =>
        PubSubMessage.Of("1", Encoding.UTF8.GetBytes(json), new Dictionary<string, string>());
}
