using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Enrichment.Oom;

/// <summary>Which container an OOM kill hit, how sure that is, and the candidates that support it (closest first).</summary>
public sealed record OomResolution(OomConfidence Confidence, IReadOnlyList<OomCandidate> Candidates, string Explanation)
{
    public OomCandidate? OnlyCandidate => Candidates.Count == 1 ? Candidates[0] : null;
}

/// <summary>
/// A container that may be the victim. <see cref="Termination"/> is its OOMKilled termination, or null when the kernel
/// killed a process inside it and the container kept running; <see cref="Offset"/> is finishedAt minus the event time.
/// </summary>
public sealed record OomCandidate(PodSnapshot Pod, ContainerSnapshot Container, Termination? Termination, TimeSpan? Offset);

public enum OomConfidence
{
    /// <summary>The kernel named the cgroup and the pod (and container) were found on the node.</summary>
    Exact,

    /// <summary>One container on the node was OOM-killed close to the event time.</summary>
    Likely,

    /// <summary>More than one container on the node was OOM-killed close to the event time.</summary>
    Several,

    /// <summary>No container on the node was OOM-killed then: a child process was killed and the container kept running.</summary>
    None,

    /// <summary>The killed process was not in a pod (a system service such as the kubelet).</summary>
    NotAPod,

    /// <summary>No pods are bound to the node any more.</summary>
    NodeGone,
}
