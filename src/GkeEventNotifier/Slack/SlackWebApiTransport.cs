using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GkeEventNotifier.Slack;

/// <summary>
/// One call to <c>chat.postMessage</c> or <c>chat.update</c>, classified. JSON body with <c>charset=utf-8</c>, token only in the
/// Authorization header (Slack rejects it anywhere else in a JSON call). No retries here: see <see cref="RetryingSlackClient"/>.
/// </summary>
internal sealed class SlackWebApiTransport(HttpClient httpClient, SlackOptions options) : ISlackTransport
{
    public bool IsWebhook => false;

    public Task<SlackAttempt> SendAsync(SlackMessage message, CancellationToken cancellationToken) =>
        CallAsync("chat.postMessage", message with { Channel = message.Channel ?? options.Channel }, cancellationToken);

    public Task<SlackAttempt> UpdateAsync(SlackMessage message, CancellationToken cancellationToken) =>
        CallAsync("chat.update", message, cancellationToken);

    private async Task<SlackAttempt> CallAsync(string method, SlackMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.ApiBaseUri, method))
        {
            Content = JsonContent.Create(message, SlackJsonContext.Default.SlackMessage),
        };
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
            return new SlackAttempt(SlackAttemptKind.Transient, $"HTTP {(int)response.StatusCode}");
        }

        SlackApiResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync(SlackJsonContext.Default.SlackApiResponse, cancellationToken);
        }
        catch (JsonException)
        {
            return new SlackAttempt(SlackAttemptKind.Transient, $"HTTP {(int)response.StatusCode} with a body that is not Slack JSON");
        }

        if (body is null)
        {
            return new SlackAttempt(SlackAttemptKind.Transient, $"HTTP {(int)response.StatusCode} with an empty body");
        }

        if (body.Ok)
        {
            return SlackAttempt.Ok(new SlackPostResult(body.Channel, body.Ts));
        }

        var error = body.Error ?? "unknown_error";
        return new SlackAttempt(SlackErrorClassifier.Classify(error), error, SlackRetryAfter.Read(response));
    }
}
