using System.Globalization;
using System.Text.RegularExpressions;
using GkeEventNotifier.Stages.Enrichment.Oom;

namespace GkeEventNotifier.Tests.Oom;

/// <summary>
/// The regex parser the scanner replaced (kept in the tests only, as an oracle for ordinary messages: it backtracks on
/// hostile ones). Its pid read is made total so that a comparison never stops on an overflow.
/// </summary>
internal static partial class RegexOomParser
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
            cgroup is null ? null : RegexCgroupPath.PodUid(cgroup),
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

        if (!match.Success)
        {
            match = ReapedPattern().Match(text);
        }

        return match.Success
            ? (int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null, match.Groups["comm"].Value)
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
        (taskCgroup is null ? null : RegexCgroupPath.ContainerId(taskCgroup))
        ?? (string.IsNullOrEmpty(cpuset) ? null : RegexCgroupPath.ContainerId("/" + cpuset));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [GeneratedRegex(@"Killed process (?<pid>\d+)(?:, UID \d+,)? \((?<comm>.*?)\)(?=[,. ]|$)", RegexOptions.Multiline)]
    private static partial Regex KilledPattern();

    [GeneratedRegex(@"Kill process (?<pid>\d+) \((?<comm>.*?)\) score")]
    private static partial Regex KillPattern();

    [GeneratedRegex(@"oom_reaper: reaped process (?<pid>\d+) \((?<comm>.*?)\),")]
    private static partial Regex ReapedPattern();

    [GeneratedRegex(@"\bOut of memory( \([a-z_]+\))?: Kill")]
    private static partial Regex GlobalPattern();

    [GeneratedRegex(@"oom-kill:constraint=(?<constraint>[A-Z_]+),nodemask=.*?,cpuset=(?<cpuset>[^,]*),mems_allowed=[^,]*(?:,oom_memcg=(?<limit>[^,]*))?(?:,global_oom)?,task_memcg=(?<task>[^,]*),task=(?<comm>.*),pid=(?<pid>\d+)")]
    private static partial Regex OomKillPattern();

    [GeneratedRegex(@"Task in (?<task>\S+) killed as a result of limit of (?<limit>\S+)")]
    private static partial Regex LegacyPattern();

    [GeneratedRegex(@"Tasks in (?<task>\S+) are going to be killed due to memory\.oom\.group set")]
    private static partial Regex OomGroupPattern();
}


/// <summary>The regex cgroup reader the scanner replaced, kept as an oracle.</summary>
internal static partial class RegexCgroupPath
{
    /// <summary>The pod UID with dashes, as the API server shows it; static pods keep their 32-hex form.</summary>
    public static string? PodUid(string path)
    {
        var match = PodUidPattern().Match(path);
        return match.Success ? match.Groups["uid"].Value.Replace('_', '-') : null;
    }

    /// <summary>The 64-hex container id of the last path element, without runtime prefix or <c>.scope</c>.</summary>
    public static string? ContainerId(string path)
    {
        var match = ContainerPattern().Match(path);
        return match.Success ? match.Groups["cid"].Value : null;
    }

    public static bool IsUnderKubepods(string path) => path.Contains("kubepods", StringComparison.Ordinal);

    [GeneratedRegex(@"pod(?<uid>[0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12}|[0-9a-f]{32})(?:\.slice)?(?=/|$)")]
    private static partial Regex PodUidPattern();

    [GeneratedRegex(@"(?:^|/)(?:cri-containerd-|docker-|crio-)?(?<cid>[0-9a-f]{64})(?:\.scope)?$")]
    private static partial Regex ContainerPattern();
}
