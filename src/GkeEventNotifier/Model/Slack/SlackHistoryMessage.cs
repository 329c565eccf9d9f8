namespace GkeEventNotifier.Model.Slack;

/// <summary>
/// One message of <c>conversations.history</c>, reduced to what threads read back: its ts and, when it is one of this
/// app's (event type <see cref="SlackMetadata.OwnEventTypePrefix"/>…), its metadata's string values. See
/// <see cref="SlackHistoryReader"/>.
/// </summary>
public sealed record SlackHistoryMessage(string Ts, SlackMetadata? Metadata);
