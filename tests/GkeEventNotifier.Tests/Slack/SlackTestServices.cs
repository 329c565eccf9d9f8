using GkeEventNotifier.Composition;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace GkeEventNotifier.Tests.Slack;

/// <summary>The library's real Slack wiring against a fake Slack server, with short backoff so retries are quick.</summary>
internal static class SlackTestServices
{
    public static ServiceProvider BotToken(FakeSlackServer server, int timeoutSeconds = 5) => Build(FakeSlackServerSettings.BotToken(server, timeoutSeconds: timeoutSeconds).Settings);

    public static ServiceProvider Webhook(FakeSlackServer server) => Build(FakeSlackServerSettings.Webhook(server).Settings);

    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        services.AddGkeEventNotifier(configuration);
        services.Configure<SlackOptions>(options => options.BaseRetryDelay = TimeSpan.FromMilliseconds(20));
        return services.BuildServiceProvider();
    }

    public static SlackNotifier Notifier(this ServiceProvider provider) => provider.GetRequiredService<SlackNotifier>();
}
