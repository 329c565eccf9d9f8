using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>
/// Which workloads run on a node, from its pod list alone: a pod's controller, lifted to the workload by Kubernetes'
/// naming (a ReplicaSet <c>name-HASH</c> → Deployment <c>name</c>, a Job <c>name-MINUTES</c> → CronJob <c>name</c>), so
/// a node's blast radius costs no request beyond the list the OOM look-up makes too.
/// </summary>
internal static class NodeWorkloads
{
    /// <summary>Workloads named in an alert; the rest are counted.</summary>
    public const int MaxShown = 8;

    private const string HashAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>"Deployment shop/checkout-api ×3", most pods first, then by name.</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<PodSnapshot> pods) =>
        pods.GroupBy(Workload)
            .Select(group => (Name: group.Key, Count: group.Count()))
            .OrderByDescending(w => w.Count).ThenBy(w => w.Name, StringComparer.Ordinal)
            .Select(w => w.Count == 1 ? w.Name : $"{w.Name} ×{w.Count}")
            .ToList();

    private static string Workload(PodSnapshot pod) => pod.Controller switch
    {
        null => $"bare pod {pod.FullName}",
        { Kind: "Node" } => $"static pod {pod.FullName}",
        { Kind: "ReplicaSet", Name: var rs } when Trim(rs, IsPodTemplateHash) is { } deployment => $"Deployment {pod.Namespace}/{deployment}",
        { Kind: "Job", Name: var job } when Trim(job, IsScheduledMinutes) is { } cronJob => $"CronJob {pod.Namespace}/{cronJob}",
        var owner => $"{owner.Kind} {pod.Namespace}/{owner.Name}",
    };

    private static string? Trim(string name, Func<string, bool> isSuffix)
    {
        var dash = name.LastIndexOf('-');
        return dash > 0 && isSuffix(name[(dash + 1)..]) ? name[..dash] : null;
    }

    private static bool IsPodTemplateHash(string suffix) =>
        suffix.Length is >= 5 and <= 10 && suffix.All(c => HashAlphabet.Contains(c, StringComparison.Ordinal));

    private static bool IsScheduledMinutes(string suffix) =>
        suffix.Length is >= 8 and <= 10 && suffix.All(char.IsAsciiDigit);
}
