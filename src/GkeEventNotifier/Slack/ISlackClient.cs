namespace GkeEventNotifier.Slack;

/// <summary>
/// Where alerts go: Slack's Web API, an incoming webhook, or the console. Implementations retry what a retry can fix
/// within their time budget and then throw <see cref="SlackUnavailableException"/>; a setting Slack refuses throws
/// <see cref="SlackConfigurationException"/>; a payload Slack refuses throws <see cref="SlackPayloadException"/>.
/// </summary>
public interface ISlackClient
{
    /// <summary>Whether messages reach Slack (false: printed to the console).</summary>
    bool IsConnected { get; }

    Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a message posted earlier (<c>chat.update</c>), e.g. to show how often an event repeated. Only messages
    /// with a known channel and ts can be updated; webhooks return neither, so callers check <see cref="SlackPostResult.CanUpdate"/>.
    /// </summary>
    Task<SlackPostResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken);
}

/// <summary>Where Slack put a message. Webhooks return no timestamp, so both are null for them.</summary>
public sealed record SlackPostResult(string? Channel, string? Ts)
{
    public static readonly SlackPostResult Unknown = new(null, null);

    public bool CanUpdate => Channel is { Length: > 0 } && Ts is { Length: > 0 };
}
