using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>
/// A group of a receiver without threads as a record of the alert state (collection <c>groups</c>, docs/alert-state.md):
/// keys, counts, times and at most <see cref="GroupState.MaxNames"/> names and <see cref="GroupState.MaxObjects"/> object
/// hashes, never an alert. It expires when the group can no longer continue: its last alert plus the window.
/// </summary>
internal static class GroupRecord
{
    public static StateRecord Write(RecordKey record, string receiver, GroupState state, TimeSpan window) =>
        StateRecord.Expiring(state.Resolved ? state.Last : state.Last + window)
            .With("key", record.Readable)
            .With("state", state.Resolved ? "resolved" : "open")
            .With("receiver", receiver)
            .With("group", state.KeyId)
            .With("count", state.Count)
            .With("first", state.First)
            .With("last", state.Last)
            .With("names", state.Names)
            .With("objects", state.ObjectIds)
            .With("node", state.Node);

    /// <summary>The group a record holds, or null when it is not one this code wrote.</summary>
    public static GroupState? Read(StateRecord record)
    {
        if (record.Text("group") is not { } keyId || record.Time("first") is not { } first || record.Time("last") is not { } last)
        {
            return null;
        }

        var names = record.List("names").Take(GroupState.MaxNames).ToArray();
        var objects = record.List("objects").Take(GroupState.MaxObjects).ToArray();
        var count = (int)Math.Clamp(record.Number("count"), 1, int.MaxValue);
        return new GroupState(keyId, null, null, count, first, last, names, record.Text("node"), record.Text("state") == "resolved") { ObjectIds = objects };
    }
}
