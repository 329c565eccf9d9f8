namespace GkeEventNotifier.Model.State;

/// <summary>
/// The alert state every instance shares: small versioned records that expire. Writes are conditional only (create if
/// absent, replace if unchanged since read), so two instances can never both win the same record; a record past its
/// <see cref="StateRecord.ExpireAt"/> reads as absent. Implementations: in memory (one instance) and Firestore.
/// Failures a retry can fix throw <see cref="AlertStateUnavailableException"/>. Schema: docs/alert-state.md.
/// </summary>
internal interface IAlertStateStore
{
    /// <summary>The record, or null when there is none or it has expired.</summary>
    Task<StoredRecord?> ReadAsync(RecordKey key, CancellationToken cancellationToken);

    /// <summary>Creates the record unless a live one exists; returns its version, or null when another write won.</summary>
    Task<string?> TryCreateAsync(RecordKey key, StateRecord record, CancellationToken cancellationToken);

    /// <summary>Replaces the record if it is still at <paramref name="version"/>; returns the new version, or null when it changed.</summary>
    Task<string?> TryReplaceAsync(RecordKey key, StateRecord record, string version, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> live records of <paramref name="collection"/> whose text field <paramref name="field"/>
    /// equals <paramref name="value"/>, in no particular order: the sweep's "open incidents". One equality on one field
    /// needs no composite index in Firestore.
    /// </summary>
    Task<IReadOnlyList<ListedRecord>> ListAsync(string collection, string field, string value, int limit, CancellationToken cancellationToken);
}
