using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Adapters.Slack;

/// <summary>
/// One call to <c>chat.postMessage</c>, <c>chat.update</c>, <c>conversations.history</c> or <c>conversations.replies</c>, classified. JSON body with <c>charset=utf-8</c>, token only in the
/// Authorization header (Slack rejects it anywhere else in a JSON call). No retries here: see <see cref="RetryingSlackClient"/>.
/// </summary>
internal sealed class SlackWebApiTransport(HttpClient httpClient, SlackOptions options) : ISlackTransport
{
    public bool IsWebhook => false;

    /// <summary>How many messages one history read returns: enough for the grouping window of a busy channel.</summary>
    private const int HistoryLimit = 200;

    public Task<SlackAttempt> SendAsync(SlackMessage message, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, "chat.postMessage", SlackMessageJson.Content(message with { Channel = message.Channel ?? options.Channel }), cancellationToken);

    public Task<SlackAttempt> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, "chat.update", JsonContent.Create(SlackUpdateRequest.For(channel, ts, message), SlackJsonContext.Default.SlackUpdateRequest), cancellationToken);

    public Task<SlackAttempt> HistoryAsync(string channel, string oldestTs, CancellationToken cancellationToken)
    {
        var query = $"conversations.history?channel={Uri.EscapeDataString(channel)}&oldest={Uri.EscapeDataString(oldestTs)}"
            + $"&inclusive=true&include_all_metadata=true&limit={HistoryLimit}";
        return CallAsync(HttpMethod.Get, query, content: null, cancellationToken);
    }

    public Task<SlackAttempt> RepliesAsync(string channel, string threadTs, string oldestTs, CancellationToken cancellationToken)
    {
        var query = $"conversations.replies?channel={Uri.EscapeDataString(channel)}&ts={Uri.EscapeDataString(threadTs)}&oldest={Uri.EscapeDataString(oldestTs)}"
            + $"&inclusive=true&include_all_metadata=true&limit={HistoryLimit}";
        return CallAsync(HttpMethod.Get, query, content: null, cancellationToken);
    }

    private async Task<SlackAttempt> CallAsync(HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.ApiBaseUri, relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BotToken);
        using var response = await httpClient.SendAsync(request, cancellationToken);
        return await ClassifyAsync(response, cancellationToken);
    }

    private static async Task<SlackAttempt> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new SlackAttempt(SlackAttemptKind.RateLimited, "ratelimited", SlackRetryAfter.Read(response));
        }

        if ((int)response.StatusCode >= 500)
        {
            return SlackAttempt.NoAnswer($"HTTP {(int)response.StatusCode}");
        }

        if (!SlackCharset.IsReadable(response.Content))
        {
            return SlackCharset.Unreadable(response);
        }

        SlackApiResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync(SlackJsonContext.Default.SlackApiResponse, cancellationToken);
        }
        catch (JsonException)
        {
            return SlackAttempt.NoAnswer($"HTTP {(int)response.StatusCode} with a body that is not Slack JSON");
        }

        if (body is null)
        {
            return SlackAttempt.NoAnswer($"HTTP {(int)response.StatusCode} with an empty body");
        }

        if (body.Ok)
        {
            return SlackAttempt.Ok(new SlackPostResult(body.Channel, body.Ts), body.Messages);
        }

        var error = body.Error ?? "unknown_error";
        return new SlackAttempt(SlackErrorClassifier.Classify(error), error, SlackRetryAfter.Read(response));
    }
}
