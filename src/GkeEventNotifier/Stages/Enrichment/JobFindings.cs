using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>What a failed Job's alert adds: the CronJob it ran for and the pods that failed, as far as they are known.</summary>
internal static class JobFindings
{
    public const string Heading = "Failed Job";

    /// <summary>Pods listed by name; the rest are counted.</summary>
    public const int MaxPodsShown = 5;

    public static Finding FromCluster(OwnerRef? owner, string? byName, IReadOnlyList<PodSnapshot> pods)
    {
        var fields = new List<FindingField>();
        var notes = new List<string>();
        if (owner is { Kind: "CronJob" })
        {
            fields.Add(new("CronJob", owner.Name));
        }
        else if (byName is not null)
        {
            fields.Add(new("CronJob", $"{byName} (from the Job's name)"));
            notes.Add("The cluster shows no CronJob owning this Job (it may be gone).");
        }

        var failed = pods.Where(pod => pod.HasFailed).ToList();
        fields.Add(failed.Count > 0
            ? new("Failed pods", PodList(failed))
            : new("Pods", pods.Count == 0 ? "none left in the cluster (removed with the Job or by its TTL)" : $"{pods.Count}, none failed"));
        return new Finding(Heading, fields, notes);
    }

    public static Finding FromName(string? byName, string reason) =>
        new(Heading, byName is null ? [] : [new("CronJob", $"{byName} (from the Job's name)")], [reason]);

    private static string PodList(List<PodSnapshot> failed)
    {
        var shown = failed.Take(MaxPodsShown).Select(Describe);
        var more = failed.Count > MaxPodsShown ? $" and {failed.Count - MaxPodsShown} more" : "";
        return string.Join(", ", shown) + more;
    }

    /// <summary>"report-29380000-8d7fq (export: exit 1, Error)": the first container that ended with an error.</summary>
    private static string Describe(PodSnapshot pod)
    {
        var ended = pod.Containers
            .Select(c => (c.Name, End: c.Current is { ExitCode: not 0 } ? c.Current : c.Last is { ExitCode: not 0 } ? c.Last : null))
            .FirstOrDefault(c => c.End is not null);
        return ended.End is { } end
            ? $"{pod.Name} ({ended.Name}: exit {end.ExitCode}{(end.Reason is { Length: > 0 } reason ? $", {reason}" : "")})"
            : pod.Name;
    }
}
