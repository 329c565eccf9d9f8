using GkeEventNotifier.Model;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// One incident of one receiver: the problem, its subject, its thread in Slack (<see cref="GroupState"/>: where the
/// first message is, failures counted, first and latest failure, resolved or not) and the re-check's progress (with
/// <see cref="RestatedAt"/>, when the sweep last restated a lasting one in its thread). Kept in the alert state's
/// <c>incidents</c> collection (docs/alert-state.md), so every instance and every cold start sees it.
/// A failure its rule holds (<see cref="IIncidentRule.Hold"/>) has nothing in Slack until <see cref="HeldUntil"/>:
/// <see cref="HeldEntry"/> keeps the LogEntry that opened it, for the sweep to alert if it outlasts the hold.
/// <see cref="Pending"/>: for a rule whose recoveries speak for one pod, the pods not recovered yet (null otherwise, and
/// for an incident opened before pods were tracked: then a recovery event closes it as it always did).
/// </summary>
internal sealed record Incident(
    string Receiver,
    string Problem,
    IncidentSubject Subject,
    GroupState Thread,
    DateTimeOffset RecheckAt,
    DateTimeOffset? ResolvedAt = null,
    string? Fingerprint = null,
    DateTimeOffset? StableSince = null,
    DateTimeOffset? RestatedAt = null,
    DateTimeOffset? HeldUntil = null,
    string? HeldEntry = null,
    PendingPods? Pending = null)
{
    public const string Collection = "incidents";
    public const string StateField = "state";
    public const string Open = "open";
    public const string Resolved = "resolved";

    /// <summary>An open incident without news stays in the store this long (a weekly job failing every week is one incident).</summary>
    public static readonly TimeSpan OpenFor = TimeSpan.FromDays(8);

    /// <summary>A resolved incident is kept this long: long enough to reopen within any stability window.</summary>
    public static readonly TimeSpan ResolvedFor = TimeSpan.FromDays(1);

    public bool IsOpen => !Thread.Resolved;

    /// <summary>Nothing of it was posted: a held failure that has not outlasted its hold (or closed before it did).</summary>
    public bool IsHeld => HeldUntil is not null;

    /// <summary>The key of the thread, in the first message's metadata and on read-back: the problem takes the place of the reason.</summary>
    public static GroupKey ThreadKey(string problem, IncidentSubject subject) =>
        new(subject.Cluster.ToString(), subject.Namespace, subject.Workload, problem);

    public static RecordKey KeyFor(string receiver, string problem, IncidentSubject subject) =>
        RecordKey.For(Collection, $"{receiver}|{ThreadKey(problem, subject).Id}");

    /// <summary>An open incident the sweep keeps restating lives on with it: a condition True for weeks keeps its thread.</summary>
    private static DateTimeOffset Later(DateTimeOffset last, DateTimeOffset? restated) => restated is { } at && at > last ? at : last;

    public StateRecord ToRecord()
    {
        var expireAt = ResolvedAt is { } resolved ? resolved + ResolvedFor : Later(Thread.Last, RestatedAt) + OpenFor;
        var cluster = Subject.Cluster;
        var record = StateRecord.Expiring(expireAt)
            .With("key", KeyFor(Receiver, Problem, Subject).Readable)
            .With(StateField, IsOpen ? Open : Resolved)
            .With("receiver", Receiver)
            .With("problem", Problem)
            .With("cluster", new[] { cluster.ProjectId, cluster.Location, cluster.ClusterName })
            .With("namespace", Subject.Namespace)
            .With("kind", Subject.Workload.Kind)
            .With("name", Subject.Workload.Name)
            .With("revision", Subject.Revision)
            .WithThread(Thread)
            .With("channel", Thread.Channel)
            .With("ts", Thread.Ts)
            .With("recheckAt", RecheckAt)
            .With("fingerprint", Fingerprint)
            .WithTime("stableSince", StableSince)
            .WithTime("restatedAt", RestatedAt)
            .WithTime("resolvedAt", ResolvedAt)
            .WithTime("heldUntil", HeldUntil)
            .With("heldEntry", HeldEntry);
        return Pending is null ? record : record.With("pending", Pending.Ids).With("pendingUntracked", Pending.Untracked);
    }

    /// <summary>The incident a record holds, or null when the record is not a readable incident (written by hand, or by another version).</summary>
    public static Incident? FromRecord(StateRecord record)
    {
        var cluster = record.List("cluster");
        if (record.Text("receiver") is not { } receiver || record.Text("problem") is not { } problem || cluster.Length != 3
            || record.Text("kind") is not { } kind || record.Text("name") is not { } name
            || record.Time("recheckAt") is not { } recheckAt)
        {
            return null;
        }

        var subject = new IncidentSubject(new ClusterRef(cluster[0], cluster[1], cluster[2]), record.Text("namespace") ?? "", new WorkloadRef(kind, name), record.Text("revision"));
        if (GroupRecord.ThreadOf(record, ThreadKey(problem, subject).Id, record.Text("channel"), record.Text("ts"), record.Text(StateField) == Resolved) is not { } thread)
        {
            return null;
        }

        return new Incident(receiver, problem, subject, thread, recheckAt, record.Time("resolvedAt"), record.Text("fingerprint"), record.Time("stableSince"), record.Time("restatedAt"),
            record.Time("heldUntil"), record.Text("heldEntry"), PendingOf(record));
    }

    /// <summary>
    /// The pending pods a record names (ids of 8 hex digits, at most <see cref="PendingPods.MaxPods"/>), or null when it
    /// tracks none: <c>pendingUntracked</c> is written whenever pods are tracked, so its absence says so.
    /// </summary>
    private static PendingPods? PendingOf(StateRecord record)
    {
        if (!record.Fields.ContainsKey("pendingUntracked"))
        {
            return null;
        }

        var ids = record.List("pending").Where(id => id.Length == 8 && id.All(char.IsAsciiHexDigitLower)).Distinct(StringComparer.Ordinal).ToArray();
        return ids.Length > PendingPods.MaxPods
            ? new PendingPods(ids[..PendingPods.MaxPods], Untracked: true)
            : new PendingPods(ids, record.Flag("pendingUntracked"));
    }
}
