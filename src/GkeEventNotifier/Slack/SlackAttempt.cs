namespace GkeEventNotifier.Slack;

/// <summary>What one HTTP call to Slack came to, classified so the retry policy can decide without reading HTTP again.</summary>
internal sealed record SlackAttempt(SlackAttemptKind Kind, string Error, TimeSpan? RetryAfter = null, SlackPostResult? Result = null)
{
    public static SlackAttempt Ok(SlackPostResult result) => new(SlackAttemptKind.Ok, "", Result: result);

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
