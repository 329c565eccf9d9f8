using System.Globalization;
using System.Text.RegularExpressions;

namespace GkeEventNotifier.Stages.Enrichment.Oom;

/// <summary>
/// Parses the message of a node-problem-detector <c>OOMKilling</c> event: every kernel generation's kill line
/// (<c>Killed process N (comm) total-vm:…</c>, <c>Kill process N (comm) score S or sacrifice child</c>, the
/// <c>, UID n,</c> forms, NPD's older two-line message) and, when present, the memory-cgroup lines
/// (<c>oom-kill:…task_memcg=…</c>, cgroup v1 <c>Task in … killed as a result of limit of …</c>, and the
/// <c>memory.oom.group</c> line). Never throws: an unreadable message yields an <see cref="OomKill"/> of nulls.
/// </summary>
public static partial class OomMessageParser
{
    public const string CombinedPrefix = "(combined from similar events): ";

    public static OomKill Parse(string message)
    {
        var text = StripCombinedPrefix(message);
        var (pid, comm) = Victim(text);
        var (taskCgroup, limitCgroup, cpuset, constraint) = Cgroups(text);
        var cgroup = taskCgroup ?? limitCgroup;
        return new OomKill(
            pid,
            comm,
            Scope(text, constraint, hasCgroupLine: cgroup is not null),
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

    /// <summary>The killed process. "Killed process" wins over "Kill process … or sacrifice child" (the kernel may pick a child), then the oom-kill line's task and pid.</summary>
    private static (int? Pid, string? Comm) Victim(string text)
    {
        var match = KilledPattern().Match(text);
        if (!match.Success)
        {
            match = KillPattern().Match(text);
        }

        if (!match.Success)
        {
            match = OomKillPattern().Match(text);
        }

        return match.Success
            ? (int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture), match.Groups["comm"].Value)
            : (null, null);
    }

    private static (string? Task, string? Limit, string? Cpuset, string? Constraint) Cgroups(string text)
    {
        if (OomKillPattern().Match(text) is { Success: true } oomKill)
        {
            return (
                NullIfEmpty(oomKill.Groups["task"].Value),
                NullIfEmpty(oomKill.Groups["limit"].Value),
                oomKill.Groups["cpuset"].Value,
                oomKill.Groups["constraint"].Value);
        }

        if (LegacyPattern().Match(text) is { Success: true } legacy)
        {
            return (legacy.Groups["task"].Value, legacy.Groups["limit"].Value, null, null);
        }

        return OomGroupPattern().Match(text) is { Success: true } group
            ? (group.Groups["task"].Value, null, null, null)
            : (null, null, null, null);
    }

    private static OomScope Scope(string text, string? constraint, bool hasCgroupLine) =>
        constraint switch
        {
            "CONSTRAINT_MEMCG" => OomScope.Cgroup,
            "CONSTRAINT_NONE" => OomScope.Node,
            _ when text.Contains("global_oom", StringComparison.Ordinal) => OomScope.Node,
            _ when text.Contains("Memory cgroup out of memory", StringComparison.Ordinal) => OomScope.Cgroup,
            _ when GlobalPattern().IsMatch(text) => OomScope.Node,
            _ when hasCgroupLine => OomScope.Cgroup,
            _ => OomScope.Unknown,
        };

    /// <summary>The task's own cgroup names the container; v1 kernels put the bare id in <c>cpuset=</c>, v2 the scope name.</summary>
    private static string? ContainerIdFrom(string? taskCgroup, string? cpuset) =>
        (taskCgroup is null ? null : CgroupPath.ContainerId(taskCgroup))
        ?? (string.IsNullOrEmpty(cpuset) ? null : CgroupPath.ContainerId("/" + cpuset));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [GeneratedRegex(@"Killed process (?<pid>\d+)(?:, UID \d+,)? \((?<comm>.*?)\)(?=[,. ]|$)", RegexOptions.Multiline)]
    private static partial Regex KilledPattern();

    [GeneratedRegex(@"Kill process (?<pid>\d+) \((?<comm>.*?)\) score")]
    private static partial Regex KillPattern();

    [GeneratedRegex(@"\bOut of memory( \([a-z_]+\))?: Kill")]
    private static partial Regex GlobalPattern();

    [GeneratedRegex(@"oom-kill:constraint=(?<constraint>[A-Z_]+),nodemask=.*?,cpuset=(?<cpuset>[^,]*),mems_allowed=[^,]*(?:,oom_memcg=(?<limit>[^,]*))?(?:,global_oom)?,task_memcg=(?<task>[^,]*),task=(?<comm>.*),pid=(?<pid>\d+)")]
    private static partial Regex OomKillPattern();

    [GeneratedRegex(@"Task in (?<task>\S+) killed as a result of limit of (?<limit>\S+)")]
    private static partial Regex LegacyPattern();

    [GeneratedRegex(@"Tasks in (?<task>\S+) are going to be killed due to memory\.oom\.group set")]
    private static partial Regex OomGroupPattern();
}
