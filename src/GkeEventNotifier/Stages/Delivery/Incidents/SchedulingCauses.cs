namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// Why a pod cannot be placed, read from the scheduler's <c>FailedScheduling</c> ("0/6 nodes are available: 4
/// Insufficient cpu, 2 node(s) had untolerated taint {…}. preemption: …") and the cluster autoscaler's
/// <c>NotTriggerScaleUp</c> ("pod didn't trigger scale-up: 2 max node group size reached, …"). Plain substring checks
/// over the message, never a regular expression on event text.
/// </summary>
internal static class SchedulingCauses
{
    public const string UnboundClaim = "unbound PVC";
    public const string IpSpace = "IP space exhausted";
    public const string Quota = "quota";

    private static readonly (string Cause, string[] Marks)[] Known =
    [
        ("insufficient cpu", ["Insufficient cpu"]),
        ("insufficient memory", ["Insufficient memory"]),
        ("no pod slots", ["Insufficient pods", "Too many pods"]),
        (IpSpace, ["IP_SPACE_EXHAUSTED", "ip.space.exhausted", "IP space of "]),
        (Quota, ["QUOTA_EXCEEDED", "quota.exceeded", "Quota '", "exceeded quota"]),
        (UnboundClaim, ["unbound immediate PersistentVolumeClaims", "persistentvolumeclaim \"", "volume node affinity conflict"]),
        ("affinity/taints", ["untolerated taint", "had taint", "node affinity", "node selector", "pod affinity", "pod anti-affinity", "topology spread"]),
        ("node pools at maximum size", ["max node group size reached"]),
        ("scale-up failing", ["backoff after failed scale-up"]),
    ];

    /// <summary>"insufficient cpu, affinity/taints"; null when the message names no cause this list knows.</summary>
    public static string? Describe(string message)
    {
        var found = Of(message);
        return found.Count > 0 ? string.Join(", ", found) : null;
    }

    /// <summary>Causes a new node can never fix: the failure is alerted at once instead of waiting for a scale-up.</summary>
    public static bool ScaleUpCannotHelp(string message) =>
        Of(message).Any(cause => cause is UnboundClaim or IpSpace or Quota);

    private static List<string> Of(string message) =>
        Known.Where(known => known.Marks.Any(mark => message.Contains(mark, StringComparison.Ordinal))).Select(known => known.Cause).ToList();
}
