using System.Net;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Adapters.Slack;

/// <summary>
/// One call to an incoming webhook, classified. Webhooks answer <c>ok</c> as plain text on success and an error
/// string otherwise (with 400/403/404/410/500); the body, not only the status, decides.
/// </summary>
internal sealed class SlackWebhookTransport(HttpClient httpClient, SlackOptions options) : ISlackTransport
{
    public bool IsWebhook => true;

    public async Task<SlackAttempt> SendAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        using var content = SlackMessageJson.Content(message with { Channel = null });
        using var response = await httpClient.PostAsync(new Uri(options.WebhookUrl!), content, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new SlackAttempt(SlackAttemptKind.RateLimited, "ratelimited", SlackRetryAfter.Read(response));
        }

        if (!SlackCharset.IsReadable(response.Content))
        {
            return SlackCharset.Unreadable(response);
        }

        var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        if (response.IsSuccessStatusCode)
        {
            return SlackAttempt.Ok(SlackPostResult.Unknown);
        }

        var error = IsErrorCode(body) ? body : $"HTTP {(int)response.StatusCode}";
        return (int)response.StatusCode >= 500 && error is not ("no_service" or "no_active_hooks")
            ? new SlackAttempt(SlackAttemptKind.Transient, error)
            : new SlackAttempt(SlackErrorClassifier.Classify(error), error);
    }

    /// <summary>Webhooks return no message id, so there is nothing to update: threads never ask (see the receivers).</summary>
    public Task<SlackAttempt> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        throw new NotSupportedException("incoming webhooks cannot update messages");

    /// <summary>Webhooks cannot read a channel: no history, grouping stays in memory.</summary>
    public Task<SlackAttempt> HistoryAsync(string channel, string oldestTs, CancellationToken cancellationToken) =>
        Task.FromResult(SlackAttempt.Ok(SlackPostResult.Unknown, []));

    public Task<SlackAttempt> RepliesAsync(string channel, string threadTs, string oldestTs, CancellationToken cancellationToken) =>
        Task.FromResult(SlackAttempt.Ok(SlackPostResult.Unknown, []));

    /// <summary>Only short snake_case words are taken as Slack error codes; anything else is not echoed into logs.</summary>
    private static bool IsErrorCode(string body) =>
        body.Length is > 0 and <= 64 && body.All(c => char.IsAsciiLetterLower(c) || c == '_' || char.IsAsciiDigit(c));
}
