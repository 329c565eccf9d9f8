using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Adapters.Slack;

/// <summary>One attempt to hand a message to Slack, classified; the retry policy sits above it.</summary>
internal interface ISlackTransport
{
    bool IsWebhook { get; }

    Task<SlackAttempt> SendAsync(SlackMessage message, CancellationToken cancellationToken);

    Task<SlackAttempt> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken);

    /// <summary>Top-level messages since <paramref name="oldestTs"/>, with metadata, in <see cref="SlackAttempt.Messages"/>.</summary>
    Task<SlackAttempt> HistoryAsync(string channel, string oldestTs, CancellationToken cancellationToken);

    /// <summary>The replies in the thread of <paramref name="threadTs"/> since <paramref name="oldestTs"/>, with metadata (history omits replies).</summary>
    Task<SlackAttempt> RepliesAsync(string channel, string threadTs, string oldestTs, CancellationToken cancellationToken);
}
