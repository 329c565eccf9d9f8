using System.Collections.Immutable;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Stages.Dedup;

/// <summary>
/// One Kubernetes event in the dedup ledger: who is alerting it (a claim is a lease that lapses), whether the alert
/// reached Slack and where, how often the event was seen, and which Pub/Sub messages were counted (hashed, the latest
/// <see cref="MaxMessages"/>). Keys, counts and Slack references only: never the alert itself.
/// For a claim, <see cref="Occurrences"/> is the count carried from earlier windows; once alerted it includes the alert.
/// <see cref="Mark"/> seeds the post marks of the alert's messages and <see cref="ClaimedAt"/> is when its first claim
/// was made: both pass unchanged to an instance that takes over a lapsed or released claim, which therefore searches
/// Slack for exactly the messages the earlier attempt may have posted.
/// </summary>
internal sealed record LedgerEntry(
    string Key,
    LedgerState State,
    string Owner,
    DateTimeOffset LeaseUntil,
    DateTimeOffset? AlertedAt,
    int Occurrences,
    ImmutableArray<string> Messages,
    SlackPostResult Post,
    bool InSummary,
    string Mark,
    DateTimeOffset ClaimedAt)
{
    public const int MaxMessages = 32;

    public static LedgerEntry Claim(string key, string owner, DateTimeOffset leaseUntil, int carried, string message, string mark, DateTimeOffset claimedAt) =>
        new(key, LedgerState.Claimed, owner, leaseUntil, null, carried, [message], SlackPostResult.Unknown, false, mark, claimedAt);

    /// <summary>
    /// A claim whose attempt may have reached Slack without being confirmed: its instance died after Slack took the post
    /// (the lease lapsed), or the post failed in a way that can hide a success (released after a time-out).
    /// </summary>
    public bool MayHavePosted(DateTimeOffset now) => Mark.Length > 0 && (State == LedgerState.Released || (State == LedgerState.Claimed && !IsLeasedAt(now)));

    /// <summary>The next claim of this event by <paramref name="owner"/>, taking over this attempt's mark and start.</summary>
    public LedgerEntry TakenOverBy(string owner, DateTimeOffset leaseUntil, string message) =>
        Claim(Key, owner, leaseUntil, Occurrences, message, Mark, ClaimedAt);

    public bool IsLeasedAt(DateTimeOffset now) => State == LedgerState.Claimed && LeaseUntil > now;

    public bool Counted(string message) => Messages.Contains(message, StringComparer.Ordinal);

    /// <summary>One more LogEntry of the event: counted once per Pub/Sub message.</summary>
    public LedgerEntry Count(string message) => this with
    {
        Occurrences = Occurrences + 1,
        Messages = [.. Messages.Skip(Math.Max(0, Messages.Length - MaxMessages + 1)), message],
    };

    public LedgerEntry Alerted(DateTimeOffset now, SlackPostResult post, bool inSummary) => this with
    {
        State = LedgerState.Alerted,
        AlertedAt = now,
        Occurrences = Occurrences + 1,
        Post = post,
        InSummary = inSummary,
    };

    public LedgerEntry Released() => this with { State = LedgerState.Released, Messages = [] };

    public StateRecord ToRecord(DateTimeOffset expireAt) =>
        StateRecord.Expiring(expireAt)
            .With("key", Key)
            .With("state", State.ToString().ToLowerInvariant())
            .With("owner", Owner)
            .With("leaseUntil", LeaseUntil)
            .With("alertedAt", AlertedAt ?? DateTimeOffset.UnixEpoch)
            .With("occurrences", Occurrences)
            .With("messages", Messages)
            .With("channel", Post.Channel)
            .With("ts", Post.Ts)
            .With("inSummary", InSummary)
            .With("mark", Mark)
            .With("claimedAt", ClaimedAt);

    public static LedgerEntry FromRecord(StateRecord record) =>
        new(
            record.Text("key") ?? "",
            Enum.TryParse<LedgerState>(record.Text("state"), ignoreCase: true, out var state) ? state : LedgerState.Released,
            record.Text("owner") ?? "",
            record.Time("leaseUntil") ?? DateTimeOffset.UnixEpoch,
            record.Time("alertedAt") is { } at && at > DateTimeOffset.UnixEpoch ? at : null,
            (int)Math.Clamp(record.Number("occurrences"), 0, int.MaxValue),
            record.List("messages"),
            new SlackPostResult(record.Text("channel"), record.Text("ts")),
            record.Flag("inSummary"),
            record.Text("mark") ?? "",
            record.Time("claimedAt") ?? DateTimeOffset.UnixEpoch);
}

/// <summary>Claimed: an instance is alerting it; alerted: the alert is in Slack; released: the alert failed, the next copy may claim it.</summary>
internal enum LedgerState
{
    Claimed,
    Alerted,
    Released,
}
