namespace GkeEventNotifier.Slack;

/// <summary>One attempt to hand a message to Slack, classified; the retry policy sits above it.</summary>
internal interface ISlackTransport
{
    bool IsWebhook { get; }

    Task<SlackAttempt> SendAsync(SlackMessage message, CancellationToken cancellationToken);

    /// <summary><c>chat.update</c> of a message carrying its channel and <see cref="SlackMessage.Ts"/>.</summary>
    Task<SlackAttempt> UpdateAsync(SlackMessage message, CancellationToken cancellationToken);
}
