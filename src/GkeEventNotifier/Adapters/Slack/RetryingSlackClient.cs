using GkeEventNotifier.Model.Slack;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GkeEventNotifier.Adapters.Slack;

/// <summary>
/// Sends through a transport and retries what a retry can fix, all inside one time budget (SLACK_TIMEOUT_SECONDS):
/// HTTP 429 waits for Retry-After; 5xx, <c>internal_error</c>-class answers and network errors back off exponentially.
/// When the budget runs out the alert is not dropped: <see cref="SlackUnavailableException"/> makes the function answer
/// 5xx and Pub/Sub delivers the message again later. Refusals are never retried.
/// </summary>
internal sealed partial class RetryingSlackClient : ISlackClient
{
    private readonly ISlackTransport transport;
    private readonly ILogger<RetryingSlackClient> logger;
    private readonly ResiliencePipeline<SlackAttempt> pipeline;

    public RetryingSlackClient(ISlackTransport transport, SlackOptions options, TimeProvider timeProvider, ILogger<RetryingSlackClient> logger)
    {
        this.transport = transport;
        this.logger = logger;
        pipeline = BuildPipeline(options, timeProvider);
    }

    public bool IsConnected => true;

    public async Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken) =>
        (await ExecuteAsync(token => transport.SendAsync(message, token), cancellationToken)).Result ?? SlackPostResult.Unknown;

    public async Task<SlackPostResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        (await ExecuteAsync(token => transport.UpdateAsync(channel, ts, message, token), cancellationToken)).Result ?? SlackPostResult.Unknown;

    public async Task<IReadOnlyList<SlackHistoryMessage>> HistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken)
    {
        var oldestTs = oldest.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + ".000000";
        return (await ExecuteAsync(token => transport.HistoryAsync(channel, oldestTs, token), cancellationToken)).Messages ?? [];
    }

    /// <summary>One Slack call under the retry policy; anything but success becomes the exception that says what to do.</summary>
    private async Task<SlackAttempt> ExecuteAsync(Func<CancellationToken, Task<SlackAttempt>> call, CancellationToken cancellationToken)
    {
        SlackAttempt attempt;
        string? lastError = null;
        try
        {
            attempt = await pipeline.ExecuteAsync(
                async token =>
                {
                    try
                    {
                        var result = await call(token);
                        lastError = result.Error;
                        return result;
                    }
                    catch (HttpRequestException e)
                    {
                        lastError = $"network error: {e.HttpRequestError}";
                        throw;
                    }
                },
                cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new SlackUnavailableException($"no success within the time budget (SLACK_TIMEOUT_SECONDS); last error: {lastError ?? "no answer"}", e);
        }
        catch (HttpRequestException e)
        {
            throw new SlackUnavailableException($"network error: {e.HttpRequestError}", e);
        }

        return attempt.Kind switch
        {
            SlackAttemptKind.Ok => attempt,
            SlackAttemptKind.Payload => throw new SlackPayloadException(attempt.Error),
            SlackAttemptKind.Configuration => throw Misconfigured(attempt.Error),
            _ => throw new SlackUnavailableException($"still failing after retries: {attempt.Error}"),
        };
    }

    private SlackConfigurationException Misconfigured(string error)
    {
        var (setting, advice) = SlackErrorClassifier.Remedy(error, transport.IsWebhook);
        return new SlackConfigurationException(error, setting, advice);
    }

    private ResiliencePipeline<SlackAttempt> BuildPipeline(SlackOptions options, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder<SlackAttempt> { TimeProvider = timeProvider }
            .AddTimeout(options.Timeout)
            .AddRetry(new RetryStrategyOptions<SlackAttempt>
            {
                MaxRetryAttempts = 8,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseRetryDelay,
                MaxDelay = TimeSpan.FromSeconds(20),
                ShouldHandle = new PredicateBuilder<SlackAttempt>()
                    .HandleResult(attempt => attempt.IsRetryable)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, args.Outcome.Result?.Error ?? args.Outcome.Exception?.GetType().Name ?? "", args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(TimeSpan.FromSeconds(Math.Min(10, options.TimeoutSeconds)))
            .Build();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack call failed ({Error}); retry {Attempt} in {DelaySeconds:0.0} s")]
    private static partial void LogRetry(ILogger logger, int attempt, string error, double delaySeconds);
}
