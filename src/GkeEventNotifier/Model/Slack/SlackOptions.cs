using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Model.Slack;

/// <summary>
/// Slack settings, from environment variables. Either a bot token and a channel (<c>chat.postMessage</c>), or a webhook
/// URL, or nothing at all (messages are printed to stdout). Validated at start-up by <see cref="SlackOptionsValidator"/>.
/// </summary>
public sealed class SlackOptions
{
    public const string BotTokenVariable = "SLACK_BOT_TOKEN";
    public const string ChannelVariable = "SLACK_CHANNEL";
    public const string WebhookUrlVariable = "SLACK_WEBHOOK_URL";
    public const string ApiUrlVariable = "SLACK_API_URL";
    public const string TimeoutVariable = "SLACK_TIMEOUT_SECONDS";

    public static readonly Uri DefaultApiUrl = new("https://slack.com/api/");

    public string? BotToken { get; set; }

    public string? Channel { get; set; }

    public string? WebhookUrl { get; set; }

    public string? ApiUrl { get; set; }

    /// <summary>The whole time one alert may spend reaching Slack, retries and Retry-After waits included.</summary>
    [SettingRange(TimeoutVariable, 1, 540, "seconds")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The first backoff delay before a retry; it doubles each attempt (with jitter).</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public SlackMode Mode =>
        !string.IsNullOrWhiteSpace(WebhookUrl) ? SlackMode.Webhook
        : !string.IsNullOrWhiteSpace(BotToken) ? SlackMode.WebApi
        : SlackMode.Console;

    public Uri ApiBaseUri => string.IsNullOrWhiteSpace(ApiUrl) ? DefaultApiUrl : new Uri(EnsureSlash(ApiUrl.Trim()));

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public static void Bind(SlackOptions options, IConfiguration configuration)
    {
        options.BotToken = Settings.Text(configuration, BotTokenVariable);
        options.Channel = Settings.Text(configuration, ChannelVariable);
        options.WebhookUrl = Settings.Text(configuration, WebhookUrlVariable);
        options.ApiUrl = Settings.Text(configuration, ApiUrlVariable);
        options.TimeoutSeconds = Settings.Integer(configuration, TimeoutVariable, options.TimeoutSeconds);
    }

    private static string EnsureSlash(string url) => url.EndsWith('/') ? url : url + "/";
}

public enum SlackMode
{
    Console,
    WebApi,
    Webhook,
}
