using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Enrichment.Oom;

/// <summary>
/// Decides which container of one node an OOM kill hit. A cgroup path in the message settles it (exact); otherwise
/// the candidates are the containers whose latest termination is <c>OOMKilled</c> with <c>finishedAt</c> within
/// a window of the event (kernel and kubelet clocks disagree by seconds; finishedAt has
/// 1 s resolution), closest first, the process name only breaking ties (the kernel's comm is truncated and often
/// unrelated to the container's name).
/// </summary>
public static class OomMatcher
{
    /// <summary>The answer when the kernel's cgroup path is outside <c>kubepods</c>: no pod list is needed.</summary>
    public static OomResolution OutsidePods(OomKill kill) =>
        new(OomConfidence.NotAPod, [], $"The kernel killed {kill.ProcessText} in cgroup {kill.TaskCgroup ?? kill.LimitCgroup}, which belongs to no pod (a system service on the node).");

    public static OomResolution Resolve(OomKill kill, DateTimeOffset eventTime, NodePods node, TimeSpan window)
    {
        if (node.NodeLooksGone)
        {
            return new(OomConfidence.NodeGone, [], $"Node {node.NodeName} has no pods any more: it was removed (scaled down or replaced), so the container cannot be found.");
        }

        return ByCgroup(kill, eventTime, node, window) ?? ByTime(kill, eventTime, node, window);
    }

    private static OomResolution? ByCgroup(OomKill kill, DateTimeOffset eventTime, NodePods node, TimeSpan window)
    {
        if (kill.ContainerId is { } containerId && Find(node, (_, c) => c.HasId(containerId)) is { } hit)
        {
            var termination = new[] { hit.Container.Current, hit.Container.Last }
                .FirstOrDefault(t => t?.ContainerId?.EndsWith(containerId, StringComparison.Ordinal) == true);
            return Exact(kill, eventTime, hit.Pod, hit.Container, termination);
        }

        if (kill.PodUid is not { } podUid)
        {
            return null;
        }

        var pod = node.Pods.FirstOrDefault(p => string.Equals(p.Uid, podUid, StringComparison.OrdinalIgnoreCase));
        if (pod is null)
        {
            return new(OomConfidence.None, [], $"The kernel named pod UID {podUid}, which is no longer on node {node.NodeName}: the pod was deleted after the kill.");
        }

        return InPod(kill, eventTime, pod, window);
    }

    /// <summary>The kernel named the pod but not the container (a pod-level cgroup): its OOMKilled container, else its only one.</summary>
    private static OomResolution InPod(OomKill kill, DateTimeOffset eventTime, PodSnapshot pod, TimeSpan window)
    {
        var near = NearEvent(pod.Containers.Select(c => (pod, c)), eventTime, window, kill.ProcessName);
        var regular = pod.Containers.Where(c => !c.IsInit).ToList();
        return near.Count switch
        {
            1 => Exact(kill, eventTime, pod, near[0].Container, near[0].Termination),
            > 1 => new(OomConfidence.Several, near, $"The kernel named pod {pod.FullName}; several of its containers were OOM-killed around then."),
            _ when regular.Count == 1 => Exact(kill, eventTime, pod, regular[0], null),
            _ => new(OomConfidence.Several, regular.Select(c => new OomCandidate(pod, c, null, null)).ToList(),
                $"The kernel named pod {pod.FullName} but not which container; none was OOM-killed around then, so {kill.ProcessText} was a child process and its container kept running."),
        };
    }

    private static OomResolution Exact(OomKill kill, DateTimeOffset eventTime, PodSnapshot pod, ContainerSnapshot container, Termination? termination)
    {
        var candidate = new OomCandidate(pod, container, termination, termination?.FinishedAt - eventTime);
        var explanation = termination is { IsOomKilled: true }
            ? "The kernel's memory-cgroup path names this container."
            : $"The kernel's memory-cgroup path names this container. It killed {kill.ProcessText}, not the container's main process: the container kept running, so its status shows no OOMKilled.";
        return new(OomConfidence.Exact, [candidate], explanation);
    }

    private static OomResolution ByTime(OomKill kill, DateTimeOffset eventTime, NodePods node, TimeSpan window)
    {
        var candidates = NearEvent(node.Pods.SelectMany(p => p.Containers.Select(c => (p, c))), eventTime, window, kill.ProcessName);
        return candidates.Count switch
        {
            0 => new(OomConfidence.None, [], NoneExplanation(kill, node, window)),
            1 => new(OomConfidence.Likely, candidates, $"The only container on node {node.NodeName} OOM-killed within {window.TotalSeconds:0} s of the event."),
            _ => new(OomConfidence.Several, candidates, $"{candidates.Count} containers on node {node.NodeName} were OOM-killed within {window.TotalSeconds:0} s of the event; closest first."),
        };
    }

    private static string NoneExplanation(OomKill kill, NodePods node, TimeSpan window) =>
        $"No container on node {node.NodeName} was OOM-killed within {window.TotalSeconds:0} s of the event. "
        + $"The kernel killed {kill.ProcessText}, a child process: its container kept running, so no pod status records the kill."
        + (kill.Scope == OomScope.Node ? " The whole node ran out of memory (a global OOM), not a container's limit." : "");

    private static List<OomCandidate> NearEvent(IEnumerable<(PodSnapshot Pod, ContainerSnapshot Container)> containers, DateTimeOffset eventTime, TimeSpan window, string? processName) =>
        containers
            .Select(pc => (pc.Pod, pc.Container, Termination: pc.Container.OomTermination))
            .Where(x => x.Termination?.FinishedAt is { } finished && (finished - eventTime).Duration() <= window)
            .Select(x => new OomCandidate(x.Pod, x.Container, x.Termination, x.Termination!.FinishedAt - eventTime))
            .OrderBy(c => Math.Round(c.Offset!.Value.Duration().TotalSeconds))
            .ThenByDescending(c => NameHint(c.Container.Name, processName))
            .ToList();

    /// <summary>Tie-breaker only: the kernel's 15-character comm often prefixes the container's name.</summary>
    private static bool NameHint(string containerName, string? processName) =>
        processName is { Length: > 0 } comm
        && (containerName.StartsWith(comm, StringComparison.OrdinalIgnoreCase) || comm.StartsWith(containerName, StringComparison.OrdinalIgnoreCase));

    private static (PodSnapshot Pod, ContainerSnapshot Container)? Find(NodePods node, Func<PodSnapshot, ContainerSnapshot, bool> predicate)
    {
        foreach (var pod in node.Pods)
        {
            foreach (var container in pod.Containers)
            {
                if (predicate(pod, container))
                {
                    return (pod, container);
                }
            }
        }

        return null;
    }
}
