using GkeEventNotifier.Composition;
using GkeEventNotifier.Tests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace GkeEventNotifier.Tests.Host;

/// <summary>
/// The real function host in memory: the same Program, with settings given as environment variables would be,
/// logs captured by a FakeLogCollector and console-mode alerts captured in <see cref="Stdout"/>.
/// </summary>
public sealed class FunctionFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public StringWriter Stdout { get; } = new();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        builder.ConfigureTestServices(collection =>
        {
            collection.AddSingleton(new ConsoleOutput(Stdout));
            collection.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
            services?.Invoke(collection);
        });
    }

    public static FunctionFactory WithSlack(FakeSlackServerSettings slack, Action<IServiceCollection>? services = null) => new(slack.Settings, services);

    /// <summary>
    /// The function against a fake Slack with 20 ms retry backoff, so retries cost the test little time;
    /// <paramref name="extra"/> settings are laid over the Slack ones.
    /// </summary>
    public static FunctionFactory WithFastRetryingSlack(FakeSlackServerSettings slack, IReadOnlyDictionary<string, string?>? extra = null) =>
        new(slack.With(extra).Settings, services => services.Configure<Model.Slack.SlackOptions>(o => o.BaseRetryDelay = TimeSpan.FromMilliseconds(20)));
}
