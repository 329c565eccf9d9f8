using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Model.Slack;

/// <summary>
/// Posts a rendered alert. When Slack refuses the Block Kit payload (invalid_blocks, msg_too_long, …) the same alert
/// goes again as plain text, so a rendering bug costs formatting, never the alert.
/// </summary>
internal sealed partial class SlackNotifier(ISlackClient client, ILogger<SlackNotifier> logger)
{
    public bool IsConnected => client.IsConnected;

    public Task<SlackPostResult> NotifyAsync(SlackMessage message, CancellationToken cancellationToken) =>
        NotifyAsync(client, message, cancellationToken);

    /// <summary>The same, through a route's own client (a webhook receiver has one per URL).</summary>
    public async Task<SlackPostResult> NotifyAsync(ISlackClient client, SlackMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await client.PostAsync(message, cancellationToken);
        }
        catch (SlackPayloadException e) when (message.Attachments is not null)
        {
            LogPlainTextFallback(logger, e.Error);
            return await client.PostAsync(message.AsPlainText(), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused the Block Kit message ({Error}); sending it as plain text")]
    private static partial void LogPlainTextFallback(ILogger logger, string error);
}
