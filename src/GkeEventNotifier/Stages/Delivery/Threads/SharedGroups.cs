using GkeEventNotifier.Model.State;
using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>
/// The groups of receivers that have no channel history to read back (incoming webhooks, the console), in the shared
/// alert state, so that every instance counts one group. Each alert takes its turn with one conditional write
/// (create if absent, replace if unchanged) before anything is posted: N instances number a group's alerts exactly as
/// one instance would, and each count, so each summary point, belongs to one alert. A post that fails gives its turn
/// back, unless a later alert has taken one meanwhile (then the count keeps the failed alert, which is redelivered).
/// Bot receivers keep their groups in the first message's Slack metadata instead (<see cref="GroupStore"/>).
/// </summary>
internal sealed class SharedGroups(IAlertStateStore store)
{
    public const string Collection = "groups";

    /// <summary>Writes lost to other instances before giving up (Pub/Sub then delivers the message again).</summary>
    private const int MaxAttempts = 25;

    public async Task<GroupTurn> TakeTurnAsync(Receiver receiver, GroupKey key, string name, string? node, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var record = RecordKey.For(Collection, $"{receiver.Name}|{key.Id}");
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.ReadAsync(record, cancellationToken);
            var open = stored is null ? null : GroupRecord.Read(stored.Record) is { } known && known.IsOpenAt(now, window) ? known : null;
            var next = open?.Add(name, node, now) ?? GroupState.Start(key.Id, name, node, now);
            var written = GroupRecord.Write(record, receiver.Name, next, window);
            var version = stored is null
                ? await store.TryCreateAsync(record, written, cancellationToken)
                : await store.TryReplaceAsync(record, written, stored.Version, cancellationToken);
            if (version is not null)
            {
                return new GroupTurn(record, next, open is null, stored, version);
            }
        }

        throw new AlertStateUnavailableException("a webhook group's record kept changing under this instance; Pub/Sub will deliver the message again");
    }

    /// <summary>Undoes the turn of an alert that did not reach Slack, if the group is still as the turn left it.</summary>
    public async Task GiveBackAsync(GroupTurn turn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = turn.Previous?.Record ?? GroupRecord.Write(turn.Record, "", turn.State, TimeSpan.Zero).ExpiringAt(now);
        await store.TryReplaceAsync(turn.Record, before, turn.Version, cancellationToken);
    }
}
