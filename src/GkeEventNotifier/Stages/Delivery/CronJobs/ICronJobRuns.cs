using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Delivery.CronJobs;

/// <summary>
/// The Jobs a CronJob owns, oldest first (list jobs in the namespace: IAM <c>container.jobs.list</c>, RBAC
/// <c>list jobs</c>). Throws <see cref="PodLookupException"/> when the cluster cannot be read.
/// </summary>
public interface ICronJobRuns
{
    Task<IReadOnlyList<CronJobRun>> ListAsync(ClusterRef cluster, string jobNamespace, string cronJob, CancellationToken cancellationToken);
}
