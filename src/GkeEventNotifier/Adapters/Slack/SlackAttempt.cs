using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Adapters.Slack;

/// <summary>What one HTTP call to Slack came to, classified so the retry policy can decide without reading HTTP again.</summary>
internal sealed record SlackAttempt(
    SlackAttemptKind Kind,
    string Error,
    TimeSpan? RetryAfter = null,
    SlackPostResult? Result = null,
    IReadOnlyList<SlackHistoryMessage>? Messages = null)
{
    public static SlackAttempt Ok(SlackPostResult result, IReadOnlyList<SlackHistoryMessage>? messages = null) =>
        new(SlackAttemptKind.Ok, "", Result: result, Messages: messages);

    public bool IsRetryable => Kind is SlackAttemptKind.RateLimited or SlackAttemptKind.Transient;
}

internal enum SlackAttemptKind
{
    Ok,
    RateLimited,
    Transient,
    Configuration,
    Payload,
}
