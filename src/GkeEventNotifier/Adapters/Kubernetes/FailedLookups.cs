using GkeEventNotifier.Model;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// Cluster look-ups that failed, remembered for a short time so that a flood of entries naming clusters that do not
/// exist (or that the function may not read) costs one GKE API call per cluster per <c>lifetime</c>, not one per entry.
/// Bounded: when <c>capacity</c> clusters failed within the lifetime, a further unknown cluster is not looked up at
/// all until one expires, so even a flood of distinct forged names costs at most <c>capacity</c> calls per lifetime.
/// </summary>
internal sealed class FailedLookups(TimeProvider time, TimeSpan lifetime, int capacity)
{
    private readonly Dictionary<ClusterRef, (string Reason, DateTimeOffset Until)> failures = [];
    private readonly Lock gate = new();

    /// <summary>Why the cluster is not looked up now, or null when a call may be made.</summary>
    public string? Refusal(ClusterRef cluster)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (failures.TryGetValue(cluster, out var failure) && failure.Until > now)
            {
                return failure.Reason;
            }

            Prune(now);
            return failures.Count >= capacity
                ? $"Cluster {cluster} was not looked up: {capacity} other cluster look-ups failed within {lifetime.TotalSeconds:0} s (a flood of entries naming unknown clusters); it is tried again once they expire."
                : null;
        }
    }

    public void Remember(ClusterRef cluster, string reason)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            Prune(now);
            if (failures.Count < capacity || failures.ContainsKey(cluster))
            {
                failures[cluster] = (reason, now + lifetime);
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (cluster, failure) in failures)
        {
            if (failure.Until <= now)
            {
                failures.Remove(cluster);
            }
        }
    }
}
