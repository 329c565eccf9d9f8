using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>
/// One alert's place in a shared group: the group's state with the alert counted (<see cref="Started"/>: the alert
/// opened it), written at <see cref="Version"/> over <see cref="Previous"/> (null: there was no live record).
/// </summary>
internal sealed record GroupTurn(RecordKey Record, GroupState State, bool Started, StoredRecord? Previous, string Version);
