using System.Globalization;

namespace GkeEventNotifier.Tests.Fakes;

/// <summary>
/// Settings that point the library, the function or the CLI at a fake Slack server: the one place tests spell them.
/// </summary>
public sealed record FakeSlackServerSettings(IReadOnlyDictionary<string, string?> Settings)
{
    public const string Token = "xoxb-test-token-123";
    public const string Channel = "C0ALERTS";

    public static FakeSlackServerSettings BotToken(FakeSlackServer server, string channel = Channel, int timeoutSeconds = 5) =>
        BotToken(server.ApiUri, channel, timeoutSeconds);

    /// <summary>A bot token against any Web API address (a closed port, to see a network error).</summary>
    public static FakeSlackServerSettings BotToken(Uri apiUri, string channel = Channel, int timeoutSeconds = 5) => new(new Dictionary<string, string?>
    {
        ["SLACK_BOT_TOKEN"] = Token,
        ["SLACK_CHANNEL"] = channel,
        ["SLACK_API_URL"] = apiUri.AbsoluteUri,
        ["SLACK_TIMEOUT_SECONDS"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
    });

    public static FakeSlackServerSettings Webhook(FakeSlackServer server, int timeoutSeconds = 5) => new(new Dictionary<string, string?>
    {
        ["SLACK_WEBHOOK_URL"] = server.WebhookUri.AbsoluteUri,
        ["SLACK_TIMEOUT_SECONDS"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>These settings with <paramref name="extra"/> laid over them (an extra value of null unsets one).</summary>
    public FakeSlackServerSettings With(IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new(settings);
    }
}
