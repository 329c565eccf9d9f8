using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Tests.AlertState;

/// <summary>
/// One instance's view of a shared store, until <see cref="Die"/>: from then on none of its calls ever returns, as if
/// the instance had been killed. The other instances keep using the store itself. Disposing ends the hung calls.
/// </summary>
internal sealed class StoreThatDies(IAlertStateStore shared) : IAlertStateStore, IDisposable
{
    private readonly TaskCompletionSource dead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool dying;

    private volatile string? dieAfterCreateIn;

    public void Die() => dying = true;

    /// <summary>Dies as soon as a record of <paramref name="collection"/> is created (e.g. just after claiming an event).</summary>
    public void DieAfterCreateIn(string collection) => dieAfterCreateIn = collection;

    public Task<StoredRecord?> ReadAsync(RecordKey key, CancellationToken cancellationToken) =>
        Unless(() => shared.ReadAsync(key, cancellationToken));

    public async Task<string?> TryCreateAsync(RecordKey key, StateRecord record, CancellationToken cancellationToken)
    {
        var created = await Unless(() => shared.TryCreateAsync(key, record, cancellationToken));
        if (created is not null && key.Collection == dieAfterCreateIn)
        {
            Die();
        }

        return created;
    }

    public Task<string?> TryReplaceAsync(RecordKey key, StateRecord record, string version, CancellationToken cancellationToken) =>
        Unless(() => shared.TryReplaceAsync(key, record, version, cancellationToken));

    public Task<IReadOnlyList<ListedRecord>> ListAsync(string collection, string field, string value, int limit, CancellationToken cancellationToken) =>
        Unless(() => shared.ListAsync(collection, field, value, limit, cancellationToken));

    public void Dispose() => dead.TrySetCanceled();

    private async Task<T> Unless<T>(Func<Task<T>> call)
    {
        if (dying)
        {
            await dead.Task;
        }

        return await call();
    }
}
