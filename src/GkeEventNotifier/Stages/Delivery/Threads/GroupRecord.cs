using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>
/// A group of a receiver without threads as a record of the alert state (collection <c>groups</c>, docs/alert-state.md):
/// keys, counts, times and at most <see cref="GroupState.MaxNames"/> names and <see cref="GroupState.MaxObjects"/> object
/// hashes, never an alert. It expires when the group can no longer continue: its last alert plus the window. The thread
/// fields (<see cref="WithThread"/>, <see cref="ThreadOf"/>) are an incident's too.
/// </summary>
internal static class GroupRecord
{
    public static StateRecord Write(RecordKey record, string receiver, GroupState state, TimeSpan window) =>
        StateRecord.Expiring(state.Resolved ? state.Last : state.Last + window)
            .With("key", record.Readable)
            .With("state", state.Resolved ? "resolved" : "open")
            .With("receiver", receiver)
            .With("group", state.KeyId)
            .WithThread(state);

    /// <summary>The group a record holds, or null when it is not one this code wrote.</summary>
    public static GroupState? Read(StateRecord record) =>
        record.Text("group") is { } keyId ? ThreadOf(record, keyId, channel: null, ts: null, resolved: record.Text("state") == "resolved") : null;

    /// <summary>What a thread has counted: failures, first and latest, the first names, the distinct objects' hashes, the node.</summary>
    public static StateRecord WithThread(this StateRecord record, GroupState state) =>
        record.With("count", state.Count)
            .With("first", state.First)
            .With("last", state.Last)
            .With("names", state.Names)
            .With("objects", state.ObjectIds)
            .With("node", state.Node);

    /// <summary>The thread <see cref="WithThread"/> wrote, or null without its times; lists are cut to their bounds.</summary>
    public static GroupState? ThreadOf(StateRecord record, string keyId, string? channel, string? ts, bool resolved)
    {
        if (record.Time("first") is not { } first || record.Time("last") is not { } last)
        {
            return null;
        }

        var names = record.List("names").Take(GroupState.MaxNames).ToArray();
        var objects = record.List("objects").Take(GroupState.MaxObjects).ToArray();
        var count = (int)Math.Clamp(record.Number("count"), 1, int.MaxValue);
        return new GroupState(keyId, channel, ts, count, first, last, names, record.Text("node"), resolved) { ObjectIds = objects };
    }
}
