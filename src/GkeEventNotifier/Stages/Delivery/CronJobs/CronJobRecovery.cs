using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Rendering;
using GkeEventNotifier.Stages.Routing;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Stages.Delivery.CronJobs;

/// <summary>
/// A CronJob's failing runs as one thread that ends with "recovered". A Job of a CronJob that fails
/// (BackoffLimitExceeded, DeadlineExceeded) opens the thread; each further failure replies with the streak; the next
/// successful run (the controller's SawCompletedJob "status: Complete") replies "recovered after …, N failed runs" and
/// marks the first alert resolved. The streak and the success are read from the cluster (the CronJob's Jobs), and the
/// thread from Slack's metadata, so a restart loses neither; when the cluster cannot be read, the thread's own count stands.
/// </summary>
internal sealed partial class CronJobRecovery(
    GroupStore store,
    SlackNotifier notifier,
    ICronJobRuns runs,
    IWorkloadResolver workloads,
    TimeProvider time,
    ILogger<CronJobRecovery> logger)
{
    /// <summary>A failure thread stays open this long without news: a weekly job that keeps failing is still one thread.</summary>
    private static readonly TimeSpan OpenFor = TimeSpan.FromDays(8);

    private static readonly HashSet<string> FailureReasons = new(StringComparer.Ordinal) { "BackoffLimitExceeded", "DeadlineExceeded" };

    /// <summary>Delivers a CronJob's Job failure to its thread; false when the alert is not one (threads handle it).</summary>
    public async Task<bool> TryDeliverFailureAsync(Alert alert, Receiver receiver, CancellationToken cancellationToken)
    {
        var entry = alert.Entry;
        if (entry.Event.InvolvedObject.Kind != "Job" || !FailureReasons.Contains(entry.Event.Reason))
        {
            return false;
        }

        var workload = workloads.Resolve(entry);
        if (workload.Kind != "CronJob")
        {
            return false;
        }

        var key = Key(entry, workload.Name);
        var slot = $"{receiver.Name}\n{key.Id}";
        using var held = await store.LockAsync(slot, cancellationToken);
        var now = time.GetUtcNow();
        var history = await ReadRunsAsync(entry, workload.Name, cancellationToken);
        var open = await store.FindOpenAsync(receiver, slot, key.Id, now, OpenFor, cancellationToken);
        if (open is not null && RunStreak.SucceededAfter(history, open.Last))
        {
            open = null;
        }

        var streak = RunStreak.FailuresBefore(history, until: null).Count;
        var job = entry.Event.InvolvedObject.Name;
        if (open is null)
        {
            var state = new GroupState(key.Id, null, null, Math.Max(1, streak), now, now, [job], null);
            var posted = await notifier.NotifyAsync(receiver.Client, RecoveryRenderer.Failure(alert, receiver, state, first: true), cancellationToken);
            store.Remember(slot, state with { Channel = posted.Channel ?? receiver.Channel, Ts = posted.Ts }, now, OpenFor);
            return true;
        }

        var next = open.Add(job, null, now) with { Count = Math.Max(open.Count + 1, streak) };
        await notifier.NotifyAsync(receiver.Client, RecoveryRenderer.Failure(alert, receiver, next, first: !receiver.CanThread || next.Ts is null), cancellationToken);
        if (receiver.CanThread && next.Ts is not null && next.Channel is not null)
        {
            await receiver.Client.UpdateAsync(next.Channel, next.Ts, GroupRenderer.Parent(alert, key, next), cancellationToken);
        }

        store.Remember(slot, next, now, OpenFor);
        return true;
    }

    /// <summary>A SawCompletedJob event: closes the CronJob's open failure threads when the run succeeded.</summary>
    public async Task<PipelineOutcome> RecoverAsync(EventLogEntry entry, CronJobCompletion completion, IReadOnlyList<Receiver> receivers, CancellationToken cancellationToken)
    {
        var where = $"CronJob {entry.Event.InvolvedObject.Namespace}/{completion.CronJob}";
        if (!completion.Succeeded)
        {
            return PipelineOutcome.NoAlert($"{where}: run {completion.Job} failed; its Job's own event alerts");
        }

        if (NameProblem(entry, completion) is { } problem)
        {
            return PipelineOutcome.Filtered($"{where}: {problem}");
        }

        var history = await ReadRunsAsync(entry, completion.CronJob, cancellationToken);
        if (history?.FirstOrDefault(r => r.Name == completion.Job) is { Outcome: not RunOutcome.Succeeded })
        {
            return PipelineOutcome.NoAlert($"{where}: the cluster does not show run {completion.Job} as succeeded");
        }

        var resolved = 0;
        foreach (var receiver in receivers)
        {
            resolved += await ResolveAsync(entry, completion, receiver, where, history, cancellationToken) ? 1 : 0;
        }

        return resolved > 0
            ? PipelineOutcome.Alerted($"{where} recovered (run {completion.Job})")
            : PipelineOutcome.NoAlert($"{where}: run {completion.Job} succeeded, no failure to recover from");
    }

    private async Task<bool> ResolveAsync(EventLogEntry entry, CronJobCompletion completion, Receiver receiver, string where, IReadOnlyList<CronJobRun>? history, CancellationToken cancellationToken)
    {
        var key = Key(entry, completion.CronJob);
        var slot = $"{receiver.Name}\n{key.Id}";
        using var held = await store.LockAsync(slot, cancellationToken);
        var now = time.GetUtcNow();
        if (await store.FindOpenAsync(receiver, slot, key.Id, now, OpenFor, cancellationToken) is not { } open)
        {
            return false;
        }

        var streak = RunStreak.FailuresBefore(history, completion.Job);
        var since = streak.Select(r => r.Started).OfType<DateTimeOffset>().Append(open.First).Min();
        var finished = history?.FirstOrDefault(r => r.Name == completion.Job)?.Finished ?? now;
        var recovered = RecoveryRenderer.Recovered(where, entry.Cluster, finished - since, Math.Max(open.Count, streak.Count));
        var closed = open with { Resolved = true };
        var jobNamespace = entry.Event.InvolvedObject.Namespace ?? "";
        var resolvedMessage = RecoveryRenderer.Resolved(closed, recovered, entry.Cluster, jobNamespace, LogsExplorerLink.ForRun(entry.Cluster, jobNamespace, completion.Job, finished));
        if (receiver.CanThread && open.Ts is not null && open.Channel is not null)
        {
            await receiver.Client.PostAsync(RecoveryRenderer.RecoveryReply(receiver, open, recovered, completion.Job), cancellationToken);
            await receiver.Client.UpdateAsync(open.Channel, open.Ts, resolvedMessage, cancellationToken);
        }
        else
        {
            await notifier.NotifyAsync(receiver.Client, resolvedMessage with { Channel = receiver.Channel, Metadata = null }, cancellationToken);
        }

        store.Remember(slot, closed, now, OpenFor);
        return true;
    }

    /// <summary>The CronJob's runs, or null when the cluster cannot be read: the thread's own record then decides.</summary>
    private async Task<IReadOnlyList<CronJobRun>?> ReadRunsAsync(EventLogEntry entry, string cronJob, CancellationToken cancellationToken)
    {
        try
        {
            return await runs.ListAsync(entry.Cluster, entry.Event.InvolvedObject.Namespace ?? "", cronJob, cancellationToken);
        }
        catch (PodLookupException e)
        {
            LogRunsUnreadable(logger, cronJob, e.Message);
            return null;
        }
    }

    /// <summary>A recovery names the CronJob and its Job in event text; neither may steer a request or close a thread unless it is a valid name.</summary>
    private static string? NameProblem(EventLogEntry entry, CronJobCompletion completion) =>
        KubernetesNames.ProblemWithNamespace(entry.Event.InvolvedObject.Namespace)
        ?? KubernetesNames.ProblemWithName("CronJob", completion.CronJob)
        ?? KubernetesNames.ProblemWithName("Job", completion.Job);

    private static GroupKey Key(EventLogEntry entry, string cronJob) =>
        new(entry.Cluster.ToString(), entry.Event.InvolvedObject.Namespace ?? "", new WorkloadRef("CronJob", cronJob), "failed");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the runs of CronJob {CronJob}; using the thread's record: {Reason}")]
    private static partial void LogRunsUnreadable(ILogger logger, string cronJob, string reason);
}
