namespace GkeEventNotifier.Model.State;

/// <summary>A record found by a query, with its document id (the hash of its key) so that it can be replaced.</summary>
internal sealed record ListedRecord(RecordKey Key, StoredRecord Stored);
