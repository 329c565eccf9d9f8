using System.Text.Json.Nodes;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Ingress;
using GkeEventNotifier.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>
/// The library's real pipeline against a fake Slack, on a fake clock. A new harness over the same fake Slack is what
/// a cold start (or a second instance) looks like: nothing in memory, everything in the channel.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private static int messageIds;
    private readonly ServiceProvider services;

    private PipelineHarness(ServiceProvider services) => this.services = services;

    public static readonly DateTimeOffset Start = TestEntries.Start;

    public IServiceProvider Services => services;

    public static PipelineHarness BotToken(FakeSlackServer slack, FakeTimeProvider time, IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? configure = null) =>
        Build(time, FakeSlackServerSettings.BotToken(slack).With(extra).Settings, configure);

    public static PipelineHarness Webhook(FakeSlackServer slack, FakeTimeProvider time, IReadOnlyDictionary<string, string?>? extra = null) =>
        Build(time, FakeSlackServerSettings.Webhook(slack).With(extra).Settings, null);

    public static PipelineHarness Build(FakeTimeProvider time, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        collection.AddGkeEventNotifier(configuration);
        collection.Configure<SlackOptions>(options => options.BaseRetryDelay = TimeSpan.FromMilliseconds(20));
        configure?.Invoke(collection);
        return new PipelineHarness(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    public Task<PipelineOutcome> SendAsync(JsonObject logEntry) =>
        SendAsync(logEntry, Interlocked.Increment(ref messageIds).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The entry as the Pub/Sub message <paramref name="messageId"/>: the same id again is a redelivery.</summary>
    public Task<PipelineOutcome> SendAsync(JsonObject logEntry, string messageId)
    {
        var message = PubSubMessage.Of(messageId, System.Text.Encoding.UTF8.GetBytes(logEntry.ToJsonString()), new Dictionary<string, string>());
        return services.GetRequiredService<EventPipeline>().HandleAsync(message, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
