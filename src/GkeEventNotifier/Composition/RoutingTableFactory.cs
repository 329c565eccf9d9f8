using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Composition;

/// <summary>
/// The routing file's receivers made real: a channel receiver posts through the bot-token client, a webhook receiver
/// gets its own client for its URL, with the same retry policy. Without a file: everything to the SLACK_* destination.
/// </summary>
internal static class RoutingTableFactory
{
    public static RoutingTable Create(IServiceProvider provider)
    {
        var slack = provider.GetRequiredService<IOptions<SlackOptions>>().Value;
        var config = RoutingConfigFile.Load(
            provider.GetRequiredService<IOptions<RoutingOptions>>().Value, slack, provider.GetRequiredService<IConfiguration>());
        var fallback = DefaultReceiver(provider, slack);
        if (config is null)
        {
            return RoutingTable.Everything(fallback);
        }

        var receivers = config.Receivers.ToDictionary(spec => spec.Name, spec => Receiver(provider, slack, spec), StringComparer.Ordinal);
        var routes = config.Routes.Select(route => new Route(route.Rule, receivers[route.Receiver], route.Continue)).ToList();
        return new RoutingTable(config.Drops, routes, config.DefaultReceiver is { } name ? receivers[name] : fallback);
    }

    /// <summary>Without a routing file everything goes where SLACK_* says, as before routing existed.</summary>
    private static Receiver DefaultReceiver(IServiceProvider provider, SlackOptions options)
    {
        var webApi = options.Mode == SlackMode.WebApi;
        return new Receiver("default", provider.GetRequiredService<ISlackClient>(), webApi ? options.Channel : null, Mention: null, CanThread: webApi);
    }

    private static Receiver Receiver(IServiceProvider provider, SlackOptions slack, ReceiverSpec spec)
    {
        if (spec.Channel is { } channel)
        {
            return new Receiver(spec.Name, provider.GetRequiredService<ISlackClient>(), channel, spec.Mention, CanThread: true);
        }

        var options = new SlackOptions { WebhookUrl = spec.WebhookUrl, TimeoutSeconds = slack.TimeoutSeconds, BaseRetryDelay = slack.BaseRetryDelay };
        var transport = new SlackWebhookTransport(provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SlackWebhookTransport)), options);
        var client = ActivatorUtilities.CreateInstance<RetryingSlackClient>(provider, transport, options);
        return new Receiver(spec.Name, client, Channel: null, spec.Mention, CanThread: false);
    }
}
