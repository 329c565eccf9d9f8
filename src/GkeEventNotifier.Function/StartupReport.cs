using GkeEventNotifier.Slack;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Function;

/// <summary>Says at start-up where alerts will go, so a missing Slack setting is obvious in the first log line.</summary>
internal sealed partial class StartupReport(IOptions<SlackOptions> slack, ILogger<StartupReport> logger)
{
    public void Write()
    {
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Running without Slack: alerts are printed to stdout. Set SLACK_BOT_TOKEN and SLACK_CHANNEL, or SLACK_WEBHOOK_URL, to post them.")]
    private static partial void LogWithoutSlack(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posting alerts through the incoming webhook in SLACK_WEBHOOK_URL")]
    private static partial void LogWebhook(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posting alerts to Slack channel {Channel} with chat.postMessage on {ApiHost}")]
    private static partial void LogWebApi(ILogger logger, string channel, string apiHost);
}
