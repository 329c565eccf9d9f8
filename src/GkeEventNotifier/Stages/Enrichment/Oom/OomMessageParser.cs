namespace GkeEventNotifier.Stages.Enrichment.Oom;

/// <summary>
/// Parses the message of a node-problem-detector <c>OOMKilling</c> event: every kernel generation's kill line
/// (<c>Killed process N (comm) total-vm:…</c>, <c>Kill process N (comm) score S or sacrifice child</c>, the
/// <c>, UID n,</c> forms, NPD's older two-line message) and, when present, the memory-cgroup lines
/// (<c>oom-kill:…task_memcg=…</c>, cgroup v1 <c>Task in … killed as a result of limit of …</c>, and the
/// <c>memory.oom.group</c> line). The message is event text of up to 256 KB that anyone able to write to the events
/// log controls, so it is read by linear scans (<see cref="KernelLines"/>), never a backtracking regex. Never throws:
/// an unreadable message yields an <see cref="OomKill"/> of nulls, and a pid that does not fit an int is left out.
/// </summary>
public static class OomMessageParser
{
    public const string CombinedPrefix = "(combined from similar events): ";

    public static OomKill Parse(string message)
    {
        var text = new KernelText(StripCombinedPrefix(message));
        var oomKill = KernelLines.OomKillFields(text);
        var (pid, comm) = Victim(text, oomKill);
        var (taskCgroup, limitCgroup, cpuset) = Cgroups(text, oomKill);
        var cgroup = taskCgroup ?? limitCgroup;
        return new OomKill(
            pid,
            comm,
            Scope(text, oomKill?.Constraint, hasCgroupLine: cgroup is not null),
            taskCgroup,
            limitCgroup,
            cgroup is null ? null : CgroupPath.PodUid(cgroup),
            ContainerIdFrom(taskCgroup, cpuset));
    }

    public static string StripCombinedPrefix(string message)
    {
        var trimmed = message.TrimStart();
        return trimmed.StartsWith(CombinedPrefix, StringComparison.Ordinal) ? trimmed[CombinedPrefix.Length..] : trimmed;
    }

    /// <summary>
    /// The killed process. "Killed process" wins over "Kill process … or sacrifice child" (the kernel may pick a child),
    /// then the oom-kill line's task and pid, then the reaper's line (left when the kill line was rate-limited).
    /// </summary>
    private static (int? Pid, string? Comm) Victim(KernelText text, KernelLines.OomKillLine? oomKill)
    {
        if ((KernelLines.KilledProcess(text) ?? KernelLines.KillProcess(text)) is { } found)
        {
            return found;
        }

        if (oomKill is not null)
        {
            return (oomKill.Pid, oomKill.Comm);
        }

        return KernelLines.ReapedProcess(text) is { } reaped ? reaped : (null, null);
    }

    private static (string? Task, string? Limit, string? Cpuset) Cgroups(KernelText text, KernelLines.OomKillLine? oomKill)
    {
        if (oomKill is not null)
        {
            return (NullIfEmpty(oomKill.Task), NullIfEmpty(oomKill.Limit), oomKill.Cpuset);
        }

        if (KernelLines.LegacyTask(text) is { } legacy)
        {
            return (legacy.Task, legacy.Limit, null);
        }

        return KernelLines.OomGroupTask(text) is { } group ? (group, null, null) : (null, null, null);
    }

    private static OomScope Scope(KernelText text, string? constraint, bool hasCgroupLine) =>
        constraint switch
        {
            "CONSTRAINT_MEMCG" => OomScope.Cgroup,
            "CONSTRAINT_NONE" => OomScope.Node,
            _ when text.Text.Contains("global_oom", StringComparison.Ordinal) => OomScope.Node,
            _ when text.Text.Contains("Memory cgroup out of memory", StringComparison.Ordinal) => OomScope.Cgroup,
            _ when KernelLines.IsGlobalOutOfMemory(text) => OomScope.Node,
            _ when hasCgroupLine => OomScope.Cgroup,
            _ => OomScope.Unknown,
        };

    /// <summary>The task's own cgroup names the container; v1 kernels put the bare id in <c>cpuset=</c>, v2 the scope name.</summary>
    private static string? ContainerIdFrom(string? taskCgroup, string? cpuset) =>
        (taskCgroup is null ? null : CgroupPath.ContainerId(taskCgroup))
        ?? (string.IsNullOrEmpty(cpuset) ? null : CgroupPath.ContainerId("/" + cpuset));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
