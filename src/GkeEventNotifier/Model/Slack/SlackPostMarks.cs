namespace GkeEventNotifier.Model.Slack;

/// <summary>
/// How the posts of one alert to one receiver are marked (see <see cref="MarkingSlackClient"/>): every instance that
/// holds the alert's claim derives the same marks from <see cref="Seed"/>. <see cref="EarlierAttemptSince"/>: another
/// attempt (an instance that died before confirming, or a post that failed after a time-out) may have posted them since
/// then, so each is searched for before it is sent.
/// </summary>
public sealed record SlackPostMarks(string Seed, DateTimeOffset? EarlierAttemptSince);
