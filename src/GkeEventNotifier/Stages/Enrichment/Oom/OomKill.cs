namespace GkeEventNotifier.Stages.Enrichment.Oom;

/// <summary>
/// What an <c>OOMKilling</c> message says about one kill: the process, whether a memory cgroup's limit or the whole
/// node ran out, and — only when the message carries a cgroup path — the pod UID and container id.
/// The pid is a host pid of a process that no longer exists: useful to quote, useless to look up.
/// </summary>
public sealed record OomKill(
    int? Pid,
    string? ProcessName,
    OomScope Scope,
    string? TaskCgroup = null,
    string? LimitCgroup = null,
    string? PodUid = null,
    string? ContainerId = null)
{
    /// <summary>Whether the message carried a cgroup path at all (only kernel lines other than NPD's default rule do).</summary>
    public bool HasCgroup => TaskCgroup is not null || LimitCgroup is not null;

    /// <summary>A cgroup path was given and it is not under <c>kubepods</c>: a system service, not a container of a pod.</summary>
    public bool IsOutsidePods => HasCgroup && PodUid is null && !CgroupPath.IsUnderKubepods(TaskCgroup ?? LimitCgroup!);

    /// <summary>"python (pid 4249)", or what is known of it.</summary>
    public string ProcessText => (ProcessName, Pid) switch
    {
        ({ } name, { } pid) => $"{name} (pid {pid})",
        ({ } name, null) => name,
        (null, { } pid) => $"pid {pid}",
        _ => "an unnamed process",
    };
}

/// <summary>Whose memory ran out.</summary>
public enum OomScope
{
    /// <summary>The message names no constraint (NPD's rule matched only the <c>Killed process</c> line).</summary>
    Unknown,

    /// <summary>A memory cgroup hit its limit (<c>Memory cgroup out of memory</c>, <c>CONSTRAINT_MEMCG</c>).</summary>
    Cgroup,

    /// <summary>The node itself ran out of memory (<c>Out of memory:</c>, <c>global_oom</c>).</summary>
    Node,
}
