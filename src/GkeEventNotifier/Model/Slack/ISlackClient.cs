namespace GkeEventNotifier.Model.Slack;

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

    /// <summary><c>chat.update</c> of a message this app posted (Web API only).</summary>
    Task<SlackPostResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// <c>conversations.history</c> with metadata: the top-level messages of a channel posted at or after
    /// <paramref name="oldest"/>, newest first (Web API only; other clients have no history and return none).
    /// </summary>
    Task<IReadOnlyList<SlackHistoryMessage>> HistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken);
}

/// <summary>Where Slack put a message. Webhooks return no timestamp, so both are null for them.</summary>
public sealed record SlackPostResult(string? Channel, string? Ts)
{
    public static readonly SlackPostResult Unknown = new(null, null);

    public bool CanUpdate => Channel is { Length: > 0 } && Ts is { Length: > 0 };
}
