using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Stages.Filtering;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Function;

/// <summary>Says at start-up where alerts will go, so a missing Slack setting is obvious in the first log line.</summary>
internal sealed partial class StartupReport(
    IOptions<SlackOptions> slack,
    IOptions<KubernetesOptions> kubernetes,
    IEventFilter filter,
    IOptions<AlertStateOptions> state,
    FunctionSettings settings,
    ILogger<StartupReport> logger)
{
    public void Write()
    {
        LogListening(logger, settings.Port);
        WriteAlertState(state.Value);
        LogFilterAndClusterAccess(logger, (filter as QueryEventFilter)?.Origin ?? filter.GetType().Name, kubernetes.Value.Mode);
        if (kubernetes.Value.Mode == ClusterAccessMode.GkeApi && kubernetes.Value.ClusterProjects.Count == 0)
        {
            LogAnyProject(logger);
        }
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

    private void WriteAlertState(AlertStateOptions options)
    {
        if (options.IsFirestore)
        {
            LogFirestore(logger, options.EmulatorHost is { } emulator ? $"the emulator at {emulator}" : options.Project ?? "the function's own project", options.Database, options.TimeoutSeconds);
        }
        else
        {
            LogMemoryState(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert state: Firestore ({Project}, database {Database}), shared by every instance; an event Firestore does not answer within STATE_TIMEOUT_SECONDS={TimeoutSeconds} is handled with this instance's memory (its alert still goes out, at worst twice)")]
    private static partial void LogFirestore(ILogger logger, string project, string database, int timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert state: this instance's memory (ALERT_STATE=memory): run one instance, or set ALERT_STATE=firestore so that several share it")]
    private static partial void LogMemoryState(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on :{Port}")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Filter: {FilterOrigin}; pod look-ups for OOMKilling: {ClusterAccess} (Kubeconfig: KUBECONFIG, GkeApi: each cluster through the GKE API, None: no look-ups)")]
    private static partial void LogFilterAndClusterAccess(ILogger logger, string filterOrigin, ClusterAccessMode clusterAccess);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CLUSTER_PROJECTS is not set: a LogEntry naming a cluster of any project makes the function describe it through the GKE API with its own token. Set CLUSTER_PROJECTS to the projects whose clusters send events (SECURITY.md).")]
    private static partial void LogAnyProject(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Running without Slack: alerts are printed to stdout. Set SLACK_BOT_TOKEN and SLACK_CHANNEL, or SLACK_WEBHOOK_URL, to post them.")]
    private static partial void LogWithoutSlack(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posting alerts through the incoming webhook in SLACK_WEBHOOK_URL")]
    private static partial void LogWebhook(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posting alerts to Slack channel {Channel} with chat.postMessage on {ApiHost}")]
    private static partial void LogWebApi(ILogger logger, string channel, string apiHost);
}
