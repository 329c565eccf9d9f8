namespace GkeEventNotifier.Stages.Enrichment.Oom;

/// <summary>
/// The kernel lines an <c>OOMKilling</c> message is read from, each found by a linear scan (see <see cref="KernelText"/>):
/// the same lines the kernel writes, in the same places a regex would find them, without backtracking.
/// </summary>
internal static class KernelLines
{
    /// <summary>The <c>oom-kill:</c> line's fields (kernel 4.19+).</summary>
    public sealed record OomKillLine(string Constraint, string Cpuset, string? Limit, string Task, string Comm, int? Pid);

    private const string Killed = "Killed process ";
    private const string Kill = "Kill process ";
    private const string OomKill = "oom-kill:constraint=";

    /// <summary><c>Killed process N[, UID n,] (comm)</c> followed by <c>,</c> <c>.</c> space or the end of the line.</summary>
    public static (int? Pid, string Comm)? KilledProcess(KernelText text)
    {
        var newline = new ForwardSearch(from => text.Find("\n", from));
        var close = new ForwardSearch(from => ClosingParenthesis(text, from));
        for (var at = text.Find(Killed, 0); at >= 0; at = text.Find(Killed, at + 1))
        {
            var pidEnd = text.Digits(at + Killed.Length);
            if (pidEnd == at + Killed.Length)
            {
                continue;
            }

            var afterPid = UidClause(text, pidEnd);
            if (!text.At(afterPid, " ("))
            {
                continue;
            }

            var commStart = afterPid + 2;
            var end = close.From(commStart);
            if (end >= 0 && end < LineEnd(text, newline, commStart))
            {
                return (text.Pid(at + Killed.Length, pidEnd), text.Slice(commStart, end));
            }
        }

        return null;
    }

    /// <summary><c>Kill process N (comm) score S or sacrifice child</c> (kernels before 4.19: the process scored, maybe not the one killed).</summary>
    public static (int? Pid, string Comm)? KillProcess(KernelText text) => ProcessBefore(text, Kill, ") score");

    /// <summary>
    /// <c>oom_reaper: reaped process N (comm), now anon-rss:…</c>: the reaper names the process the killer chose, so it
    /// still names it when the kernel rate-limited the <c>Killed process</c> line away.
    /// </summary>
    public static (int? Pid, string Comm)? ReapedProcess(KernelText text) => ProcessBefore(text, "oom_reaper: reaped process ", "),");

    /// <summary><c>{prefix}N (comm{end}</c> on one line: the first <paramref name="end"/> after the name closes it.</summary>
    private static (int? Pid, string Comm)? ProcessBefore(KernelText text, string prefix, string end)
    {
        var newline = new ForwardSearch(from => text.Find("\n", from));
        var close = new ForwardSearch(from => text.Find(end, from));
        for (var at = text.Find(prefix, 0); at >= 0; at = text.Find(prefix, at + 1))
        {
            var pidEnd = text.Digits(at + prefix.Length);
            if (pidEnd == at + prefix.Length || !text.At(pidEnd, " ("))
            {
                continue;
            }

            var commStart = pidEnd + 2;
            var commEnd = close.From(commStart);
            if (commEnd >= 0 && commEnd < LineEnd(text, newline, commStart))
            {
                return (text.Pid(at + prefix.Length, pidEnd), text.Slice(commStart, commEnd));
            }
        }

        return null;
    }

    /// <summary>
    /// <c>oom-kill:constraint=C,nodemask=…,cpuset=…,mems_allowed=…[,oom_memcg=…][,global_oom],task_memcg=…,task=comm,pid=N</c>.
    /// Whether the fields after a <c>,cpuset=</c> read depends only on where that <c>,cpuset=</c> is, so each is tried
    /// once for all the <c>oom-kill:</c> starts before it; the pid is the last <c>,pid=N</c> of the line (the comm may
    /// hold commas), found once per line.
    /// </summary>
    public static OomKillLine? OomKillFields(KernelText text)
    {
        var newline = new ForwardSearch(from => text.Find("\n", from));
        var cpusets = new ForwardSearch(from => text.Find(",cpuset=", from));
        var triedUpTo = -1;
        var lastPid = (LineEnd: -1, At: -1);
        for (var at = text.Find(OomKill, 0); at >= 0; at = text.Find(OomKill, at + 1))
        {
            var constraintStart = at + OomKill.Length;
            var constraintEnd = UpperOrUnderscore(text, constraintStart);
            var nodemask = constraintEnd + ",nodemask=".Length;
            if (constraintEnd == constraintStart || !text.At(constraintEnd, ",nodemask="))
            {
                continue;
            }

            var lineEnd = LineEnd(text, newline, nodemask);
            for (var cpuset = cpusets.From(Math.Max(nodemask, triedUpTo + 1)); cpuset >= 0 && cpuset < lineEnd; cpuset = cpusets.From(cpuset + 1))
            {
                triedUpTo = cpuset;
                if (Rest(text, cpuset + ",cpuset=".Length) is not { } rest)
                {
                    continue;
                }

                if (lastPid.LineEnd != lineEnd)
                {
                    lastPid = (lineEnd, LastPid(text, lineEnd));
                }

                if (lastPid.At >= rest.TaskStart)
                {
                    var pidStart = lastPid.At + ",pid=".Length;
                    return new OomKillLine(
                        text.Slice(constraintStart, constraintEnd), rest.Cpuset, rest.Limit, rest.Task,
                        text.Slice(rest.TaskStart, lastPid.At), text.Pid(pidStart, text.Digits(pidStart)));
                }
            }
        }

        return null;
    }

    /// <summary>cgroup v1: <c>Task in TASK killed as a result of limit of LIMIT</c>.</summary>
    public static (string Task, string Limit)? LegacyTask(KernelText text)
    {
        const string Prefix = "Task in ";
        const string Middle = " killed as a result of limit of ";
        for (var at = text.Find(Prefix, 0); at >= 0; at = text.Find(Prefix, at + 1))
        {
            var taskEnd = text.NonSpace(at + Prefix.Length);
            if (taskEnd > at + Prefix.Length && text.At(taskEnd, Middle) && text.NonSpace(taskEnd + Middle.Length) is var limitEnd && limitEnd > taskEnd + Middle.Length)
            {
                return (text.Slice(at + Prefix.Length, taskEnd), text.Slice(taskEnd + Middle.Length, limitEnd));
            }
        }

        return null;
    }

    /// <summary><c>Tasks in TASK are going to be killed due to memory.oom.group set</c>.</summary>
    public static string? OomGroupTask(KernelText text)
    {
        const string Prefix = "Tasks in ";
        const string Rest = " are going to be killed due to memory.oom.group set";
        for (var at = text.Find(Prefix, 0); at >= 0; at = text.Find(Prefix, at + 1))
        {
            var taskEnd = text.NonSpace(at + Prefix.Length);
            if (taskEnd > at + Prefix.Length && text.At(taskEnd, Rest))
            {
                return text.Slice(at + Prefix.Length, taskEnd);
            }
        }

        return null;
    }

    /// <summary>A global OOM's first line: <c>Out of memory: Kill…</c> or <c>Out of memory (oom_kill_allocating_task): Kill…</c>, as a whole word.</summary>
    public static bool IsGlobalOutOfMemory(KernelText text)
    {
        const string Words = "Out of memory";
        for (var at = text.Find(Words, 0); at >= 0; at = text.Find(Words, at + 1))
        {
            var next = at + Words.Length;
            if (at > 0 && IsWordCharacter(text.Text[at - 1]))
            {
                continue;
            }

            if (text.At(next, " (") && LowerOrUnderscore(text, next + 2) is var end && end > next + 2 && text.At(end, ")"))
            {
                next = end + 1;
            }

            if (text.At(next, ": Kill"))
            {
                return true;
            }
        }

        return false;
    }

    private static int LineEnd(KernelText text, ForwardSearch newline, int position) =>
        newline.From(position) is var at and >= 0 ? at : text.Length;

    /// <summary>Past <c>, UID n,</c> when it follows the pid (kernels 5.x), else the pid's end.</summary>
    private static int UidClause(KernelText text, int pidEnd)
    {
        const string Uid = ", UID ";
        var digitsEnd = text.At(pidEnd, Uid) ? text.Digits(pidEnd + Uid.Length) : pidEnd;
        return digitsEnd > pidEnd + Uid.Length && text.At(digitsEnd, ",") ? digitsEnd + 1 : pidEnd;
    }

    /// <summary>The first <c>)</c> followed by <c>,</c>, <c>.</c>, a space, a line end or the end of the text.</summary>
    private static int ClosingParenthesis(KernelText text, int from)
    {
        for (var at = text.Find(")", from); at >= 0; at = text.Find(")", at + 1))
        {
            if (at + 1 == text.Length || text.Text[at + 1] is ',' or '.' or ' ' or '\n')
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>From after <c>,cpuset=</c>: the fields up to <c>task=</c>, in the kernel's order.</summary>
    private static (string Cpuset, string? Limit, string Task, int TaskStart)? Rest(KernelText text, int cpusetStart)
    {
        var cpusetEnd = text.Until(cpusetStart, ',');
        if (!text.At(cpusetEnd, ",mems_allowed="))
        {
            return null;
        }

        var position = text.Until(cpusetEnd + 1, ',');
        string? limit = null;
        if (text.At(position, ",oom_memcg="))
        {
            var limitEnd = text.Until(position + 1, ',');
            limit = text.Slice(position + ",oom_memcg=".Length, limitEnd);
            position = limitEnd;
        }

        position = text.At(position, ",global_oom") ? position + ",global_oom".Length : position;
        if (!text.At(position, ",task_memcg="))
        {
            return null;
        }

        var taskEnd = text.Until(position + 1, ',');
        return text.At(taskEnd, ",task=")
            ? (text.Slice(cpusetStart, cpusetEnd), limit, text.Slice(position + ",task_memcg=".Length, taskEnd), taskEnd + ",task=".Length)
            : null;
    }

    /// <summary>The last <c>,pid=</c> followed by a digit before <paramref name="lineEnd"/>, or -1.</summary>
    private static int LastPid(KernelText text, int lineEnd)
    {
        var lineStart = lineEnd == 0 ? 0 : text.Text.LastIndexOf('\n', lineEnd - 1) + 1;
        var line = text.Text.AsSpan(lineStart, lineEnd - lineStart);
        for (var at = line.LastIndexOf(",pid=", StringComparison.Ordinal); at >= 0; at = line[..at].LastIndexOf(",pid=", StringComparison.Ordinal))
        {
            if (at + 5 < line.Length && char.IsAsciiDigit(line[at + 5]))
            {
                return lineStart + at;
            }
        }

        return -1;
    }

    private static int UpperOrUnderscore(KernelText text, int position)
    {
        var end = position;
        while (end < text.Length && (char.IsAsciiLetterUpper(text.Text[end]) || text.Text[end] == '_'))
        {
            end++;
        }

        return end;
    }

    private static int LowerOrUnderscore(KernelText text, int position)
    {
        var end = position;
        while (end < text.Length && (char.IsAsciiLetterLower(text.Text[end]) || text.Text[end] == '_'))
        {
            end++;
        }

        return end;
    }

    /// <summary>What a regex's <c>\w</c> matches, for the word boundary before "Out of memory".</summary>
    private static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.ConnectorPunctuation;
}
