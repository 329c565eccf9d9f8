using System.Globalization;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// The re-check shared by the workload rules: the workload's pods all in the state the rule needs (Ready, placed on a
/// node, running), and a fingerprint of their names and restart counts that the sweep watches for
/// RECOVERY_STABLE_MINUTES. No pods left, or none of the failing revision left, closes the incident instead: the
/// workload was deleted, scaled to zero or replaced by a new rollout.
/// </summary>
internal sealed class WorkloadHealth(IWorkloadPods pods)
{
    public const string ReadyState = "pods Ready, restart counts unchanged";

    public Task<Recheck> CheckAsync(IncidentSubject subject, CancellationToken cancellationToken) =>
        CheckAsync(subject, PodNeed.Ready, cancellationToken);

    public async Task<Recheck> CheckAsync(IncidentSubject subject, PodNeed need, CancellationToken cancellationToken)
    {
        IReadOnlyList<WorkloadPod> current;
        try
        {
            current = await pods.ListAsync(subject.Cluster, subject.Namespace, subject.Workload, cancellationToken);
        }
        catch (PodLookupException e)
        {
            return new Recheck.Unknown(e.Message);
        }

        if (current.Count == 0)
        {
            return new Recheck.Replaced($"no pods of {subject.Workload} left: deleted or scaled to zero");
        }

        if (subject.Revision is { } failing && current.All(pod => pod.Revision is not null && pod.Revision != failing))
        {
            return new Recheck.Replaced($"replaced by revision {current.Select(pod => pod.Revision).Order(StringComparer.Ordinal).Last()}");
        }

        var (isFine, notFine, state) = need switch
        {
            PodNeed.Scheduled => ((Func<WorkloadPod, bool>)(pod => pod.Scheduled), "not scheduled", "all pods scheduled"),
            PodNeed.Running => (pod => pod.Running, "not running", "all pods running"),
            _ => (pod => pod.Ready, "not Ready", ReadyState),
        };
        var failingPods = current.Where(pod => !isFine(pod)).Select(pod => pod.Name).ToList();
        if (failingPods.Count > 0)
        {
            return new Recheck.Failing($"{failingPods.Count} of {current.Count} pods {notFine} ({string.Join(", ", failingPods.Take(3))})");
        }

        var fingerprint = string.Join(',', current.OrderBy(pod => pod.Name, StringComparer.Ordinal).Select(pod => string.Create(CultureInfo.InvariantCulture, $"{pod.Name}:{pod.Restarts}")));
        return new Recheck.Healthy(RecordKey.Hash(fingerprint, 12), state);
    }
}
