using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Model.Slack;

/// <summary>
/// Posts a rendered message. When Slack refuses it (invalid_blocks, msg_too_long, invalid_metadata_format, …) it goes
/// again as plain text without blocks or metadata, so a rendering bug costs formatting, never the alert. A refusal of
/// the plain text too is final: <see cref="SlackPayloadException"/> reaches the pipeline, which acknowledges the message
/// and logs Slack's error.
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
        catch (SlackPayloadException e) when (!message.IsPlainText)
        {
            LogPlainTextFallback(logger, e.Error);
            return await client.PostAsync(message.AsPlainText(metadataRefused: e.Error.StartsWith("invalid_metadata", StringComparison.Ordinal)), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused the message ({Error}); sending it as plain text without blocks or metadata")]
    private static partial void LogPlainTextFallback(ILogger logger, string error);
}
