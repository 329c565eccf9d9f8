using GkeEventNotifier.Adapters.State.Firestore;
using GkeEventNotifier.Model.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Adapters.State;

/// <summary>
/// The shared store, with this instance's memory behind it: when the shared store fails or takes longer than
/// <c>STATE_TIMEOUT_SECONDS</c>, the event is handled with memory instead, so the alert still goes out (at worst it is
/// posted by two instances). After a failure memory answers alone for <see cref="Pause"/>, so an outage costs one
/// time-out per pause, not one per call. Versions say which store wrote them, so an event claimed in memory is settled
/// in memory. Logs a WARNING at most once a minute while it falls back.
/// </summary>
internal sealed partial class FallbackAlertStateStore(
    FirestoreAlertStateStore shared,
    MemoryAlertStateStore memory,
    IOptions<AlertStateOptions> options,
    TimeProvider time,
    ILogger<FallbackAlertStateStore> logger) : IAlertStateStore
{
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);
    private const string SharedTag = "s:";
    private const string MemoryTag = "m:";

    private readonly Lock gate = new();
    private DateTimeOffset sharedAgainAt = DateTimeOffset.MinValue;
    private DateTimeOffset nextWarningAt = DateTimeOffset.MinValue;
    private int fallbacksSinceWarning;

    public Task<StoredRecord?> ReadAsync(RecordKey key, CancellationToken cancellationToken) =>
        EitherAsync(
            async token => Tagged(await shared.ReadAsync(key, token), SharedTag),
            async () => Tagged(await memory.ReadAsync(key, cancellationToken), MemoryTag),
            cancellationToken);

    public Task<string?> TryCreateAsync(RecordKey key, StateRecord record, CancellationToken cancellationToken) =>
        EitherAsync(
            async token => Tagged(await shared.TryCreateAsync(key, record, token), SharedTag),
            async () => Tagged(await memory.TryCreateAsync(key, record, cancellationToken), MemoryTag),
            cancellationToken);

    public async Task<string?> TryReplaceAsync(RecordKey key, StateRecord record, string version, CancellationToken cancellationToken)
    {
        if (version.StartsWith(MemoryTag, StringComparison.Ordinal))
        {
            return Tagged(await memory.TryReplaceAsync(key, record, version[MemoryTag.Length..], cancellationToken), MemoryTag);
        }

        var untagged = version.StartsWith(SharedTag, StringComparison.Ordinal) ? version[SharedTag.Length..] : version;
        return await EitherAsync(
            async token => Tagged(await shared.TryReplaceAsync(key, record, untagged, token), SharedTag),
            async () => Tagged(await memory.TryCreateAsync(key, record, cancellationToken), MemoryTag),
            cancellationToken);
    }

    /// <summary>The shared store's records, or this instance's own while it falls back; each tagged with the store that holds it.</summary>
    public async Task<IReadOnlyList<ListedRecord>> ListAsync(string collection, string field, string value, int limit, CancellationToken cancellationToken) =>
        (await EitherAsync<IReadOnlyList<ListedRecord>>(
            async token => Tagged(await shared.ListAsync(collection, field, value, limit, token), SharedTag),
            async () => Tagged(await memory.ListAsync(collection, field, value, limit, cancellationToken), MemoryTag),
            cancellationToken))!;

    private static List<ListedRecord> Tagged(IReadOnlyList<ListedRecord> listed, string tag) =>
        listed.Select(record => record with { Stored = Tagged(record.Stored, tag)! }).ToList();

    private async Task<T?> EitherAsync<T>(Func<CancellationToken, Task<T?>> onShared, Func<Task<T?>> inMemory, CancellationToken cancellationToken)
        where T : class
    {
        if (time.GetUtcNow() >= SharedAgainAt)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            try
            {
                return await onShared(timeout.Token);
            }
            catch (AlertStateUnavailableException e)
            {
                FellBack(e.Message);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                FellBack($"no answer within {AlertStateOptions.TimeoutVariable}={options.Value.TimeoutSeconds}");
            }
        }

        return await inMemory();
    }

    private DateTimeOffset SharedAgainAt
    {
        get
        {
            lock (gate)
            {
                return sharedAgainAt;
            }
        }
    }

    private void FellBack(string reason)
    {
        int count;
        lock (gate)
        {
            var now = time.GetUtcNow();
            sharedAgainAt = now + Pause;
            fallbacksSinceWarning++;
            if (now < nextWarningAt)
            {
                return;
            }

            nextWarningAt = now + WarningInterval;
            count = fallbacksSinceWarning;
            fallbacksSinceWarning = 0;
        }

        LogFallback(logger, reason, count);
    }

    private static StoredRecord? Tagged(StoredRecord? stored, string tag) => stored is null ? null : stored with { Version = tag + stored.Version };

    private static string? Tagged(string? version, string tag) => version is null ? null : tag + version;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared alert state is unavailable ({Reason}); {Calls} call(s) since the last warning used this instance's memory instead: alerts still go out, and one may be posted twice")]
    private static partial void LogFallback(ILogger logger, string reason, int calls);
}
