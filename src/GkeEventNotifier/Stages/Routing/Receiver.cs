using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Stages.Routing;

/// <summary>
/// Where a route sends alerts: a Slack channel through the bot token (threads, updates, read-back), or an incoming
/// webhook (no message ids: repeats become a counter in the next alert), or the console. <see cref="Mention"/> is the
/// ready-made Slack mention (<c>&lt;!subteam^S…&gt;</c> or <c>&lt;@U…&gt;</c>) put in front of a group's first alert only.
/// </summary>
public sealed record Receiver(string Name, ISlackClient Client, string? Channel, string? Mention, bool CanThread);
