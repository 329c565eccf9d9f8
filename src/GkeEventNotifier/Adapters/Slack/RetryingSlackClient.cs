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
/// <c>chat.postMessage</c> is not idempotent: an attempt cut by its time-out (or answered with a 5xx or an unreadable
/// body) may have been posted all the same. So every Web API post (alert, thread reply, summary, listing part,
/// plain-text fallback) carries a mark of its own in its metadata (a message without metadata gets metadata that holds
/// only the mark), and before it is sent again the channel's recent history, or the thread's replies for a reply, is
/// searched for that mark: found, the post is done. A post whose alert another attempt may have posted already (a
/// taken-over claim: <see cref="SlackMessage.EarlierAttemptSince"/>) carries that attempt's mark and is searched for
/// before its first send, in the channel and, for a reply, in its thread: the earlier attempt may have opened the thread
/// this one would reply in. Webhooks cannot read a channel, and the plain text that follows a refusal of metadata cannot
/// carry a mark: those posts are sent again.
/// </summary>
internal sealed partial class RetryingSlackClient : ISlackClient
{
    private readonly ISlackTransport transport;
    private readonly ILogger<RetryingSlackClient> logger;
    private readonly ResiliencePipeline<SlackAttempt> pipeline;

    /// <summary>Slack's clock and ours differ a little: the search for an earlier attempt starts this much before it.</summary>
    private static readonly TimeSpan HistoryMargin = TimeSpan.FromSeconds(30);

    private readonly TimeProvider timeProvider;
    private readonly string? channel;

    public RetryingSlackClient(ISlackTransport transport, SlackOptions options, TimeProvider timeProvider, ILogger<RetryingSlackClient> logger)
    {
        this.transport = transport;
        this.logger = logger;
        this.timeProvider = timeProvider;
        channel = options.Channel;
        pipeline = BuildPipeline(options, timeProvider);
    }

    public bool IsConnected => true;

    public async Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        if (transport.IsWebhook || message.Unmarked)
        {
            return (await ExecuteAsync(token => transport.SendAsync(message, token), cancellationToken)).Result ?? SlackPostResult.Unknown;
        }

        var mark = message.Mark ?? Guid.NewGuid().ToString("N");
        var marked = message with { Metadata = message.Metadata?.Marked(mark) ?? SlackMetadata.MarkOnly(mark) };
        var takenOver = message.EarlierAttemptSince is not null;
        var since = (message.EarlierAttemptSince ?? timeProvider.GetUtcNow()) - HistoryMargin;
        var maybePosted = takenOver;
        return (await ExecuteAsync(
            async token =>
            {
                if (maybePosted && await FindPostedAsync(marked.Channel ?? channel, marked.ThreadTs, since, mark, takenOver, token) is { } landed)
                {
                    if (takenOver)
                    {
                        LogFoundEarlierAttempt(logger);
                    }
                    else
                    {
                        LogFoundPosted(logger);
                    }

                    return SlackAttempt.Ok(landed);
                }

                maybePosted = true;
                var attempt = await transport.SendAsync(marked, token);
                maybePosted = attempt.Unanswered;
                return attempt;
            },
            cancellationToken)).Result ?? SlackPostResult.Unknown;
    }

    /// <summary>
    /// The earlier attempt's message, if the channel's history (a reply: the thread's) since it was first sent holds its
    /// mark; <paramref name="anywhere"/>: a reply is also looked for among the channel's own messages.
    /// </summary>
    private async Task<SlackPostResult?> FindPostedAsync(string? inChannel, string? threadTs, DateTimeOffset since, string mark, bool anywhere, CancellationToken cancellationToken)
    {
        if (inChannel is null)
        {
            return null;
        }

        var oldest = since.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + ".000000";
        if (threadTs is not null && Marked(await transport.RepliesAsync(inChannel, threadTs, oldest, cancellationToken), mark) is { } reply)
        {
            return new SlackPostResult(inChannel, reply.Ts);
        }

        return (threadTs is null || anywhere) && Marked(await transport.HistoryAsync(inChannel, oldest, cancellationToken), mark) is { } landed
            ? new SlackPostResult(inChannel, landed.Ts)
            : null;
    }

    private static SlackHistoryMessage? Marked(SlackAttempt read, string mark) =>
        read.Kind == SlackAttemptKind.Ok ? read.Messages?.FirstOrDefault(m => m.Metadata?.HasMark(mark) == true) : null;

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
            .AddTimeout(options.AttemptTimeout < options.Timeout ? options.AttemptTimeout : options.Timeout)
            .Build();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack had posted the message although its answer did not arrive in time; not posting it again")]
    private static partial void LogFoundPosted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack already holds this post from an instance whose claim on the alert lapsed before it was confirmed; not posting it again")]
    private static partial void LogFoundEarlierAttempt(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack call failed ({Error}); retry {Attempt} in {DelaySeconds:0.0} s")]
    private static partial void LogRetry(ILogger logger, int attempt, string error, double delaySeconds);
}
