using GkeEventNotifier.Model;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>
/// A Job that gave up (<c>BackoffLimitExceeded</c>, <c>DeadlineExceeded</c>) → its CronJob and its failed pods.
/// Steps: the Job's owner reference (its CronJob) and the Job's pods from the cluster; when the cluster cannot be
/// read, the CronJob from the run's name (<see cref="CronJobRunName"/>) and a note saying why the pods are missing.
/// Policy: degrade, never drop; only the caller's cancellation propagates.
/// </summary>
internal sealed partial class JobFailureEnricher(IPodDirectory pods, ILogger<JobFailureEnricher> logger) : IEventEnricher
{
    public bool AppliesTo(EventLogEntry entry) =>
        entry.Event.InvolvedObject.Kind == "Job" && entry.Event.Reason is "BackoffLimitExceeded" or "DeadlineExceeded";

    public async Task<IReadOnlyList<Finding>> EnrichAsync(EventLogEntry entry, CancellationToken cancellationToken)
    {
        var job = entry.Event.InvolvedObject;
        var byName = CronJobRunName.CronJobOf(job.Name, entry.Event.LastSeen);
        if (!pods.IsAvailable)
        {
            return [JobFindings.FromName(byName, NoAccess)];
        }

        var jobNamespace = job.Namespace ?? entry.Event.Namespace ?? "";
        try
        {
            var owner = await pods.GetWorkloadAsync(entry.Cluster, jobNamespace, new OwnerRef("Job", job.Name), cancellationToken);
            var jobPods = await pods.ListJobPodsAsync(entry.Cluster, jobNamespace, job.Name, cancellationToken);
            return [JobFindings.FromCluster(owner, byName, jobPods)];
        }
        catch (PodLookupException e)
        {
            LogLookupFailed(logger, $"{jobNamespace}/{job.Name}", entry.Cluster.ToString(), e.Message);
            return [JobFindings.FromName(byName, e.Message)];
        }
    }

    private const string NoAccess = "No cluster access is configured, so the Job's pods were not read.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job look-up for {Subject} in {Cluster} degraded: {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, string subject, string cluster, string reason);
}
