using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Attributes;
using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Ingress;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// Time and allocations per event through the whole pipeline (decode → filter → enrich → render → notify), for an
/// entry the filter drops and one that becomes an alert, each next to its <see cref="PhysicalLimit"/> in the same run:
/// the Ratio column is the pipeline's time over the stricter limit's (1 / Ratio: the share of the limit's throughput
/// it reaches). Slack is replaced by a sink that only serialises the payload, so the figures are the function's own
/// cost, not the network's.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PipelineBenchmarks
{
    private readonly PhysicalLimit limit = new();
    private EventPipeline pipeline = null!;
    private PubSubMessage dropped = null!;
    private PubSubMessage alerted = null!;
    private byte[] droppedBase64 = null!;
    private byte[] alertedBase64 = null!;
    private JsonDocument alertPayload = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddGkeEventNotifier(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                // Every iteration is the same message: without these it would measure the dedup and pacing short cuts.
                ["DEDUP_WINDOW_SECONDS"] = "0",
                ["SLACK_MESSAGE_INTERVAL_MS"] = "0",
                ["ALERT_GROUP_WINDOW_MINUTES"] = "0",
            }).Build());
        var sink = new SerializingSlackSink();
        services.Replace(ServiceDescriptor.Singleton<ISlackClient>(sink));
        pipeline = services.BuildServiceProvider().GetRequiredService<EventPipeline>();
        dropped = Message(BenchmarkEntries.DroppedPulled);
        alerted = Message(BenchmarkEntries.AlertedEvicted);
        droppedBase64 = dropped.Data.ToArray();
        alertedBase64 = alerted.Data.ToArray();
        pipeline.HandleAsync(alerted, CancellationToken.None).GetAwaiter().GetResult();
        alertPayload = JsonDocument.Parse(sink.Last);
        if (limit.Filter(droppedBase64) || !limit.Filter(alertedBase64) || !limit.ReadReason(droppedBase64))
        {
            throw new InvalidOperationException("the hand-written filter of the limit decides otherwise than the default filter: it measures something else");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => alertPayload.Dispose();

    [Benchmark(Description = "pipeline: dropped by the filter (Normal Pulled)")]
    [BenchmarkCategory("dropped")]
    public Task<PipelineOutcome> Dropped() => pipeline.HandleAsync(dropped, CancellationToken.None);

    [Benchmark(Description = "limit: base64 + one reader pass to jsonPayload.reason")]
    [BenchmarkCategory("dropped")]
    public bool DroppedLimit() => limit.ReadReason(droppedBase64);

    [Benchmark(Baseline = true, Description = "stricter limit: the same + the default filter by hand")]
    [BenchmarkCategory("dropped")]
    public bool DroppedStricterLimit() => limit.Filter(droppedBase64);

    [Benchmark(Description = "pipeline: alerted (Evicted → Block Kit JSON)")]
    [BenchmarkCategory("alerted")]
    public Task<PipelineOutcome> Alerted() => pipeline.HandleAsync(alerted, CancellationToken.None);

    [Benchmark(Description = "limit: base64 + one reader pass to jsonPayload.reason")]
    [BenchmarkCategory("alerted")]
    public bool AlertedLimit() => limit.ReadReason(alertedBase64);

    [Benchmark(Baseline = true, Description = "stricter limit: the same + the filter by hand + Utf8JsonWriter of the same payload")]
    [BenchmarkCategory("alerted")]
    public int AlertedStricterLimit() => limit.FilterAndWrite(alertedBase64, alertPayload);

    private static PubSubMessage Message(string json) =>
        PubSubMessage.Of("1", Encoding.UTF8.GetBytes(json), new Dictionary<string, string>());

    /// <summary>Writes the payload as the Slack clients do (<see cref="SlackMessageJson"/>), and sends nothing.</summary>
    private sealed class SerializingSlackSink : ISlackClient
    {
        public bool IsConnected => true;

        /// <summary>The last payload serialised: the stricter limit writes the same one.</summary>
        public byte[] Last { get; private set; } = [];

        public Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken)
        {
            Last = SlackMessageJson.ToUtf8Bytes(message);
            return Task.FromResult(SlackPostResult.Unknown);
        }

        public Task<SlackPostResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
            PostAsync(message, cancellationToken);

        public Task<IReadOnlyList<SlackHistoryMessage>> HistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SlackHistoryMessage>>([]);
    }
}
