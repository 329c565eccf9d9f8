using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.CronJobs;
using GkeEventNotifier.Stages.Enrichment;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// <see cref="ICronJobRuns"/> over KubernetesClient: one list of the namespace's Jobs, kept to those whose controller
/// is the CronJob (owner reference, not the name: a Job named like a CronJob's may be anyone's). Namespace and CronJob
/// come from event text: both must be valid Kubernetes names before the request is built, or there is no request.
/// </summary>
internal sealed class KubernetesCronJobRuns(IClusterClients clusters, IOptions<KubernetesOptions> options, TimeProvider time) : ICronJobRuns
{
    public async Task<IReadOnlyList<CronJobRun>> ListAsync(ClusterRef cluster, string jobNamespace, string cronJob, CancellationToken cancellationToken)
    {
        if ((KubernetesNames.ProblemWithNamespace(jobNamespace) ?? KubernetesNames.ProblemWithName("CronJob", cronJob)) is { } problem)
        {
            throw new PodLookupException(problem);
        }

        var jobs = await KubernetesCall.RunAsync(clusters, cluster, KubernetesOperation.ListJobs, options.Value.Timeout, time,
            (client, token) => client.BatchV1.ListNamespacedJobAsync(jobNamespace, cancellationToken: token), cancellationToken);
        return jobs.Items.Where(job => IsOwnedBy(job, cronJob)).Select(ToRun).OrderBy(run => run.Started ?? DateTimeOffset.MaxValue).ThenBy(run => run.Name, StringComparer.Ordinal).ToList();
    }

    private static bool IsOwnedBy(V1Job job, string cronJob) =>
        job.Metadata.OwnerReferences?.Any(owner => owner.Controller == true && owner.Kind == "CronJob" && owner.Name == cronJob) == true;

    private static CronJobRun ToRun(V1Job job)
    {
        var conditions = job.Status?.Conditions ?? [];
        var complete = conditions.FirstOrDefault(c => c.Type == "Complete" && c.Status == "True");
        var failed = conditions.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True");
        var outcome = complete is not null ? RunOutcome.Succeeded : failed is not null ? RunOutcome.Failed : RunOutcome.Running;
        var finished = job.Status?.CompletionTime ?? (complete ?? failed)?.LastTransitionTime;
        return new CronJobRun(job.Metadata.Name, Time(job.Status?.StartTime ?? job.Metadata.CreationTimestamp), Time(finished), outcome);
    }

    private static DateTimeOffset? Time(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
