namespace GkeEventNotifier.Model.Slack;

/// <summary>Slack refused a setting (token, channel, webhook). Retrying cannot help until someone fixes <see cref="Setting"/>.</summary>
public sealed class SlackConfigurationException(string error, string setting, string advice)
    : Exception($"Slack answered '{error}': {advice} (setting {setting})")
{
    public string Error { get; } = error;

    public string Setting { get; } = setting;
}

/// <summary>Slack refused the message itself (blocks, length). The same message will always be refused.</summary>
public sealed class SlackPayloadException(string error)
    : Exception($"Slack refused the message payload: '{error}'")
{
    public string Error { get; } = error;
}

/// <summary>Slack could not be reached or kept failing within the time budget; a later retry may succeed.</summary>
public sealed class SlackUnavailableException(string reason, Exception? inner = null)
    : Exception($"Slack is unavailable: {reason}", inner)
{
    public string Reason { get; } = reason;
}
