using System.Globalization;

namespace GkeEventNotifier.Model.Slack;

/// <summary>
/// A receiver's client for the delivery of one alert: its posts, in the order delivery makes them, carry the marks
/// <see cref="SlackPostMarks.Seed"/> derives (the n-th post of the alert has the same mark on every instance), and say
/// since when an earlier attempt may have posted them. The Slack adapter searches the channel for a mark before a post
/// that may be there already; updates and history reads pass through unchanged.
/// </summary>
internal sealed class MarkingSlackClient(ISlackClient inner, SlackPostMarks marks) : ISlackClient
{
    private int posts;

    public bool IsConnected => inner.IsConnected;

    public Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken) =>
        inner.PostAsync(message.Unmarked ? message : message with { Mark = NextMark(), EarlierAttemptSince = marks.EarlierAttemptSince }, cancellationToken);

    public Task<SlackPostResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        inner.UpdateAsync(channel, ts, message, cancellationToken);

    public Task<IReadOnlyList<SlackHistoryMessage>> HistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken) =>
        inner.HistoryAsync(channel, oldest, cancellationToken);

    /// <summary>32 hex digits, as a random mark is: a hash of the seed and the post's place in the delivery.</summary>
    private string NextMark()
    {
        var text = $"{marks.Seed}\n{Interlocked.Increment(ref posts).ToString(CultureInfo.InvariantCulture)}";
        Span<byte> digest = stackalloc byte[32];
        TextDigest.Sha256(text, digest);
        return Convert.ToHexStringLower(digest[..16]);
    }
}
