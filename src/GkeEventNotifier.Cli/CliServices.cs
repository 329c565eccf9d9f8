using GkeEventNotifier.Configuration;
using GkeEventNotifier.Filtering;
using GkeEventNotifier.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Cli;

/// <summary>
/// The CLI's composition root: the function's stages, with warnings logged to stderr and, when no Slack setting is
/// given, alerts printed to stdout as text or JSON instead of a structured log line.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Build(IConfiguration configuration, CliConsole console, bool json)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddProvider(new StderrLoggerProvider(console.Error))
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("GkeEventNotifier.Pipeline", LogLevel.Critical));
        services.AddGkeEventNotifier(configuration);
        services.Replace(ServiceDescriptor.Singleton<ISlackClient>(provider => ChooseClient(provider, console, json)));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _ = provider.GetRequiredService<IOptions<SlackOptions>>().Value;
        _ = provider.GetRequiredService<IEventFilter>();
        return provider;
    }

    private static ISlackClient ChooseClient(IServiceProvider provider, CliConsole console, bool json)
    {
        var options = provider.GetRequiredService<IOptions<SlackOptions>>().Value;
        return options.Mode == SlackMode.Console
            ? new PrintingSlackClient(console.Out, json)
            : ServiceCollectionExtensions.CreateSlackClient(provider);
    }
}
