using GkeEventNotifier.Filtering;
using GkeEventNotifier.Kubernetes;
using GkeEventNotifier.Slack;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Function;

/// <summary>Says at start-up where alerts will go, so a missing Slack setting is obvious in the first log line.</summary>
internal sealed partial class StartupReport(
    IOptions<SlackOptions> slack,
    IOptions<KubernetesOptions> kubernetes,
    IEventFilter filter,
    FunctionSettings settings,
    ILogger<StartupReport> logger)
{
    public void Write()
    {
        LogListening(logger, settings.Port);
        LogFilterAndClusterAccess(logger, (filter as QueryEventFilter)?.Origin ?? filter.GetType().Name, kubernetes.Value.Mode);
        switch (slack.Value.Mode)
        {
            case SlackMode.Console:
                LogWithoutSlack(logger);
                break;
            case SlackMode.Webhook:
                LogWebhook(logger);
                break;
            default:
                LogWebApi(logger, slack.Value.Channel ?? "", slack.Value.ApiBaseUri.Host);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on :{Port}")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Filter: {FilterOrigin}; pod look-ups for OOMKilling: {ClusterAccess} (Kubeconfig: KUBECONFIG, GkeApi: each cluster through the GKE API, None: no look-ups)")]
    private static partial void LogFilterAndClusterAccess(ILogger logger, string filterOrigin, ClusterAccessMode clusterAccess);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Running without Slack: alerts are printed to stdout. Set SLACK_BOT_TOKEN and SLACK_CHANNEL, or SLACK_WEBHOOK_URL, to post them.")]
    private static partial void LogWithoutSlack(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posting alerts through the incoming webhook in SLACK_WEBHOOK_URL")]
    private static partial void LogWebhook(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posting alerts to Slack channel {Channel} with chat.postMessage on {ApiHost}")]
    private static partial void LogWebApi(ILogger logger, string channel, string apiHost);
}
