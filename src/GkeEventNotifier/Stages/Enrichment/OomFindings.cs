using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Enrichment.Oom;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>Turns an OOM resolution into the finding the alert shows: the container and what helps fix it, and how sure that is.</summary>
internal static class OomFindings
{
    public const string Heading = "OOM-killed container";

    public static Finding Resolved(OomKill kill, string node, OomResolution resolution, OwnerRef? workload, IReadOnlyList<string> extraNotes)
    {
        var notes = new List<string> { resolution.Explanation };
        notes.AddRange(ScopeNotes(kill, resolution));
        notes.AddRange(extraNotes);
        return resolution.OnlyCandidate is { } only && resolution.Confidence is OomConfidence.Exact or OomConfidence.Likely
            ? new Finding(Heading, ContainerFields(kill, node, only, workload, resolution.Confidence), notes)
            : new Finding(HeadingFor(resolution), SummaryFields(kill, node, resolution), [.. notes, .. resolution.Candidates.Select(CandidateLine)]);
    }

    /// <summary>
    /// No look-up was possible: the alert still says what the kernel killed, with the pod UID and container id when its
    /// cgroup path names them (enough to find the pod with kubectl), and why the pod is unknown.
    /// </summary>
    public static Finding Unresolved(OomKill kill, string? node, string reason) =>
        new(Heading, [new("Process", kill.ProcessText), new("Node", node ?? "—"), .. KernelFields(kill), new("Confidence", "unknown (look-up failed)")], [reason, .. ScopeNotes(kill, null)]);

    private static IEnumerable<FindingField> KernelFields(OomKill kill)
    {
        if (kill.PodUid is { } uid)
        {
            yield return new("Pod UID (from the kernel line)", uid);
        }

        if (kill.ContainerId is { } container)
        {
            yield return new("Container id (from the kernel line)", container.Length > 12 ? container[..12] : container);
        }
    }

    private static List<FindingField> ContainerFields(OomKill kill, string node, OomCandidate candidate, OwnerRef? workload, OomConfidence confidence)
    {
        var (pod, container, termination) = (candidate.Pod, candidate.Container, candidate.Termination);
        var fields = new List<FindingField>
        {
            new("Pod", pod.FullName),
            new("Container", container.IsInit ? $"{container.Name} (init container)" : container.Name),
            new("Owner", workload is null ? "none (bare pod)" : $"{workload.Kind} {workload.Name}"),
            new("Memory limit / request", $"{container.MemoryLimit ?? "none"} / {container.MemoryRequest ?? "none"}"),
            new("Restarts", container.RestartCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        fields.AddRange(termination is null
            ? [new("State", container.IsRunning ? "running, not restarted" : "not terminated by the OOM killer")]
            : [new("Exit code", termination.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Died at", DiedAt(termination, candidate.Offset))]);
        fields.Add(new("Node", node));
        fields.Add(new("QoS", pod.QosClass ?? "unknown"));
        fields.Add(new("Process", kill.ProcessText));
        fields.Add(new("Confidence", confidence == OomConfidence.Exact ? "exact (named by the kernel's cgroup path)" : "likely (the only OOMKilled container near the event time)"));
        return fields;
    }

    private static List<FindingField> SummaryFields(OomKill kill, string node, OomResolution resolution) =>
    [
        new("Process", kill.ProcessText),
        new("Node", node),
        new("Confidence", resolution.Confidence switch
        {
            OomConfidence.Several => $"several candidates ({resolution.Candidates.Count})",
            OomConfidence.None => "none found",
            OomConfidence.NotAPod => "not a pod",
            OomConfidence.NodeGone => "node gone",
            _ => resolution.Confidence.ToString(),
        }),
    ];

    private static string HeadingFor(OomResolution resolution) => resolution.Confidence switch
    {
        OomConfidence.Several => $"{Heading}: {resolution.Candidates.Count} candidates",
        OomConfidence.None => "OOM kill: no container was restarted",
        OomConfidence.NotAPod => "OOM kill outside any pod",
        OomConfidence.NodeGone => $"{Heading}: node gone",
        _ => Heading,
    };

    private static string CandidateLine(OomCandidate candidate) =>
        $"• {candidate.Pod.FullName} container {candidate.Container.Name}"
        + (candidate.Termination is { } t ? $": OOMKilled, {DiedAt(t, candidate.Offset)}" : "")
        + $", restarts {candidate.Container.RestartCount}, memory limit {candidate.Container.MemoryLimit ?? "none"}";

    private static IEnumerable<string> ScopeNotes(OomKill kill, OomResolution? resolution)
    {
        if (kill.Scope == OomScope.Node && resolution?.Confidence != OomConfidence.None)
        {
            yield return "The whole node ran out of memory (a global OOM), not a container's limit: the kernel picked the process to kill.";
        }
    }

    private static string DiedAt(Termination termination, TimeSpan? offset) =>
        termination.FinishedAt is not { } finished ? "unknown"
        : offset is { } o ? $"{Rfc3339.Format(finished)} ({(o < TimeSpan.Zero ? "-" : "+")}{o.Duration().TotalSeconds:0} s from the event)"
        : Rfc3339.Format(finished);
}
