namespace GkeEventNotifier.Model.State;

/// <summary>A record as read, with the version a conditional replace must name.</summary>
internal sealed record StoredRecord(StateRecord Record, string Version);
