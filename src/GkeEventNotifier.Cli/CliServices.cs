using GkeEventNotifier.Composition;
using GkeEventNotifier.Model.Slack;
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
    /// <summary>
    /// The services, or null after printing one <c>error:</c> line per invalid setting: every setting is checked
    /// before any work starts, so a run never dies half-way on a setting.
    /// </summary>
    public static async Task<ServiceProvider?> BuildCheckedAsync(
        IConfiguration configuration, CliConsole console, bool json, Action<IServiceCollection>? customize = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddProvider(new StderrLoggerProvider(console.Error))
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter(typeof(EventPipeline).FullName, LogLevel.Critical));
        services.AddGkeEventNotifier(configuration);
        services.Replace(ServiceDescriptor.Singleton<ISlackClient>(provider => ChooseClient(provider, console, json)));
        customize?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var problems = SettingsCheck.Problems(provider);
        if (problems.Count == 0)
        {
            return provider;
        }

        foreach (var problem in problems)
        {
            await console.Error.WriteLineAsync($"error: {problem.Message}");
        }

        await provider.DisposeAsync();
        return null;
    }

    private static ISlackClient ChooseClient(IServiceProvider provider, CliConsole console, bool json)
    {
        var options = provider.GetRequiredService<IOptions<SlackOptions>>().Value;
        return options.Mode == SlackMode.Console
            ? new PrintingSlackClient(console.Out, json)
            : ServiceCollectionExtensions.CreateSlackClient(provider);
    }
}
