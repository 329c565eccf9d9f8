namespace GkeEventNotifier.Stages.Routing;

/// <summary>A routing file, checked and with every query compiled; receivers are still names (clients come later).</summary>
public sealed record RoutingConfig(
    IReadOnlyList<ReceiverSpec> Receivers,
    IReadOnlyList<RoutingRule> Drops,
    IReadOnlyList<RouteSpec> Routes,
    string? DefaultReceiver);

/// <summary>
/// A receiver as written: a channel (posted with SLACK_BOT_TOKEN) or a webhook URL (read from the environment variable
/// the file names, because it is a secret), and the Slack mention put before a group's first alert.
/// </summary>
public sealed record ReceiverSpec(string Name, string? Channel, string? WebhookUrl, string? Mention)
{
    /// <summary>Never the webhook URL: it is a secret.</summary>
    public override string ToString() => Channel is null ? $"{Name} (webhook)" : $"{Name} ({Channel})";
}

/// <summary>A route as written: its rule, the receiver's name and whether later routes may match too.</summary>
public sealed record RouteSpec(RoutingRule Rule, string Receiver, bool Continue);
