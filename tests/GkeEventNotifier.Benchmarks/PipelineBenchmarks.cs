using System.Text;
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
/// entry the filter drops and one that becomes an alert. Slack is replaced by a sink that only serialises the payload,
/// so the figures are the function's own cost, not the network's.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private EventPipeline pipeline = null!;
    private PubSubMessage dropped = null!;
    private PubSubMessage alerted = null!;

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
        services.Replace(ServiceDescriptor.Singleton<ISlackClient, SerializingSlackSink>());
        pipeline = services.BuildServiceProvider().GetRequiredService<EventPipeline>();
        dropped = Message(BenchmarkEntries.DroppedPulled);
        alerted = Message(BenchmarkEntries.AlertedEvicted);
    }

    [Benchmark(Baseline = true, Description = "dropped by the filter (Normal Pulled)")]
    public Task<PipelineOutcome> Dropped() => pipeline.HandleAsync(dropped, CancellationToken.None);

    [Benchmark(Description = "alerted (Evicted → Block Kit)")]
    public Task<PipelineOutcome> Alerted() => pipeline.HandleAsync(alerted, CancellationToken.None);

    private static PubSubMessage Message(string json) =>
        new("1", Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), new Dictionary<string, string>());

    private sealed class SerializingSlackSink : ISlackClient
    {
        public bool IsConnected => true;

        public Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken)
        {
            _ = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message, SlackJsonContext.Default.SlackMessage);
            return Task.FromResult(SlackPostResult.Unknown);
        }

        public Task<SlackPostResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
            PostAsync(message, cancellationToken);

        public Task<IReadOnlyList<SlackHistoryMessage>> HistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SlackHistoryMessage>>([]);
    }
}
