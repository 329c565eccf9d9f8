using System.Collections.Concurrent;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Stages.Routing;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Stages.Delivery.BlindSpots;

/// <summary>
/// GKE's event exporter says "Event exporter started watching. Some events may have been lost up to this point." after
/// every restart: events of that cluster between the last one the function saw (T1) and the notice (T2) may never have
/// reached it. This turns the notice into one message per cluster, at most one an hour, to the receivers the cluster's
/// entries are routed to. T1 is kept per cluster in this instance's memory and, at most once a minute per cluster, in
/// the alert state, so that with Firestore every instance knows it; the hour is a record in the alert state that only
/// one instance can create. Policy: a state failure costs precision (T1 unknown, or a second notice), never the notice.
/// </summary>
internal sealed partial class BlindSpotNotices(IAlertStateStore store, SlackNotifier notifier, TimeProvider time, ILogger<BlindSpotNotices> logger)
{
    /// <summary>At most one notice per cluster in this time.</summary>
    public static readonly TimeSpan NoticeInterval = TimeSpan.FromHours(1);

    /// <summary>How often one instance writes a cluster's last event to the alert state: T1 is at most this much early.</summary>
    public static readonly TimeSpan LastSeenWriteInterval = TimeSpan.FromMinutes(1);

    /// <summary>How long a cluster's last event is kept without news.</summary>
    public static readonly TimeSpan LastSeenKept = TimeSpan.FromDays(7);

    /// <summary>Clusters remembered in memory; beyond it, the least recently seen are forgotten (the alert state still has them).</summary>
    internal const int MaxClusters = 1024;

    private const string NoticeCollection = "blindSpots";
    private const string LastSeenCollection = "clusters";

    /// <summary>Keyed by cluster; every cluster that is not known shares one entry, as it shares one name.</summary>
    private readonly ConcurrentDictionary<ClusterRef, LastSeen> seen = new();

    /// <summary>Records an event of <paramref name="cluster"/> at <paramref name="at"/> (its LogEntry timestamp).</summary>
    public async Task SawAsync(ClusterRef cluster, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = KeyOf(cluster);
        var current = seen.AddOrUpdate(key, static (_, at) => new LastSeen(at, DateTimeOffset.MinValue), static (_, old, at) => at > old.At ? old with { At = at } : old, at);
        if (now - current.WrittenAt < LastSeenWriteInterval)
        {
            return;
        }

        seen[key] = current with { WrittenAt = now };
        Trim();
        try
        {
            await WriteLastSeenAsync(key.ToString(), current.At, now, cancellationToken);
        }
        catch (AlertStateUnavailableException e)
        {
            LogLastSeenNotKept(logger, key.ToString(), e.Message);
        }
    }

    /// <summary>The exporter's start notice of <paramref name="cluster"/>, logged at <paramref name="at"/>: one message per hour per cluster.</summary>
    public async Task<PipelineOutcome> NoticeAsync(ClusterRef cluster, DateTimeOffset at, IReadOnlyList<Receiver> receivers, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var noticeKey = RecordKey.For(NoticeCollection, $"notice {cluster}");
        var claim = StateRecord.Expiring(now + NoticeInterval).With("key", noticeKey.Readable).With("noticeAt", now);
        var version = await ClaimAsync(noticeKey, claim, cancellationToken);
        if (version is null)
        {
            return PipelineOutcome.NoAlert($"exporter restart of {cluster}: a blind-spot notice for it went out less than an hour ago");
        }

        var since = await LastSeenBeforeAsync(cluster, at, cancellationToken);
        try
        {
            foreach (var receiver in receivers)
            {
                await notifier.NotifyAsync(receiver.Client, BlindSpotRenderer.Notice(cluster, since, at) with { Channel = receiver.Channel }, cancellationToken);
            }
        }
        catch
        {
            await ReleaseAsync(noticeKey, claim, version);
            throw;
        }

        return PipelineOutcome.Alerted($"blind-spot notice for {cluster}: events between {BlindSpotRenderer.Utc(since)} and {BlindSpotRenderer.Utc(at)} may be missing");
    }

    /// <summary>The version of the claimed hour, or null when a live claim exists; with the state down, this instance's memory decides.</summary>
    private async Task<string?> ClaimAsync(RecordKey key, StateRecord claim, CancellationToken cancellationToken)
    {
        try
        {
            return await store.TryCreateAsync(key, claim, cancellationToken);
        }
        catch (AlertStateUnavailableException e)
        {
            LogLastSeenNotKept(logger, key.Readable, e.Message);
            return "";
        }
    }

    /// <summary>The notice did not reach Slack: the hour is given back, so the redelivered notice posts.</summary>
    private async Task ReleaseAsync(RecordKey key, StateRecord claim, string version)
    {
        if (version.Length == 0)
        {
            return;
        }

        try
        {
            await store.TryReplaceAsync(key, claim.ExpiringAt(time.GetUtcNow()), version, CancellationToken.None);
        }
        catch (AlertStateUnavailableException e)
        {
            LogLastSeenNotKept(logger, key.Readable, e.Message);
        }
    }

    /// <summary>T1: the latest event of the cluster no later than the notice, from memory and the alert state; null when none is known.</summary>
    private async Task<DateTimeOffset?> LastSeenBeforeAsync(ClusterRef cluster, DateTimeOffset notice, CancellationToken cancellationToken)
    {
        var key = cluster.ToString();
        DateTimeOffset? last = seen.TryGetValue(KeyOf(cluster), out var known) ? known.At : null;
        try
        {
            if (await store.ReadAsync(RecordKey.For(LastSeenCollection, $"last event {key}"), cancellationToken) is { Record: var record }
                && record.Time("lastEvent") is { } stored && (last is null || stored > last))
            {
                last = stored;
            }
        }
        catch (AlertStateUnavailableException e)
        {
            LogLastSeenNotKept(logger, key, e.Message);
        }

        return last is { } t && t <= notice ? t : null;
    }

    private async Task WriteLastSeenAsync(string cluster, DateTimeOffset at, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = RecordKey.For(LastSeenCollection, $"last event {cluster}");
        var record = StateRecord.Expiring(now + LastSeenKept).With("key", key.Readable).With("lastEvent", at);
        var existing = await store.ReadAsync(key, cancellationToken);
        if (existing is null)
        {
            await store.TryCreateAsync(key, record, cancellationToken);
        }
        else if (existing.Record.Time("lastEvent") is not { } stored || stored < at)
        {
            await store.TryReplaceAsync(key, record, existing.Version, cancellationToken);
        }
    }

    private void Trim()
    {
        if (seen.Count <= MaxClusters)
        {
            return;
        }

        foreach (var old in seen.OrderBy(pair => pair.Value.At).Take(seen.Count - (MaxClusters * 3 / 4)).Select(pair => pair.Key).ToList())
        {
            seen.TryRemove(old, out _);
        }
    }

    private static ClusterRef KeyOf(ClusterRef cluster) => cluster.IsKnown ? cluster : ClusterRef.Unknown;

    private sealed record LastSeen(DateTimeOffset At, DateTimeOffset WrittenAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alert state did not answer for the blind-spot record {Key} ({Reason}); this instance's memory stands in")]
    private static partial void LogLastSeenNotKept(ILogger logger, string key, string reason);
}
