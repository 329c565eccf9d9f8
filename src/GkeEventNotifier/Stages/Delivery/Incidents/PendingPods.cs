using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// The pods of an incident that failed and have not recovered yet, for a rule whose recovery events speak for one pod
/// (<see cref="IIncidentRule.RecoversPerPod"/>): each pod as its short id (<see cref="GroupState.ObjectId"/>), at most
/// <see cref="MaxPods"/>. Beyond that the incident cannot tell when the last one recovered: <see cref="Untracked"/>,
/// and only the sweep's re-check of the whole workload closes it.
/// </summary>
internal sealed record PendingPods(IReadOnlyList<string> Ids, bool Untracked)
{
    public const int MaxPods = GroupState.MaxObjects;

    /// <summary>Every pod that failed has recovered, and none went uncounted.</summary>
    public bool AllRecovered => Ids.Count == 0 && !Untracked;

    public static PendingPods Of(string pod) => new([GroupState.ObjectId(pod)], Untracked: false);

    public PendingPods Add(string pod)
    {
        var id = GroupState.ObjectId(pod);
        return Ids.Contains(id) ? this
            : Ids.Count >= MaxPods ? this with { Untracked = true }
            : this with { Ids = [.. Ids, id] };
    }

    public PendingPods Without(string pod)
    {
        var id = GroupState.ObjectId(pod);
        return Ids.Contains(id) ? this with { Ids = Ids.Where(other => other != id).ToArray() } : this;
    }

    /// <summary>The pods still failing, as a log line says them: "2 pods", "100+ pods".</summary>
    public string Describe() => Untracked ? $"{Ids.Count}+ pods" : Ids.Count == 1 ? "1 pod" : $"{Ids.Count} pods";
}
