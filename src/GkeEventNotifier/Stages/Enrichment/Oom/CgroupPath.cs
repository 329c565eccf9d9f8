namespace GkeEventNotifier.Stages.Enrichment.Oom;

/// <summary>
/// Reads a Kubernetes pod UID and container id out of a memory-cgroup path, for both cgroup drivers:
/// cgroupfs (<c>/kubepods/burstable/pod&lt;uid-with-dashes&gt;/&lt;cid&gt;</c>) and systemd
/// (<c>kubepods-burstable-pod&lt;uid_with_underscores&gt;.slice/cri-containerd-&lt;cid&gt;.scope</c>), any QoS class,
/// docker/containerd/cri-o scopes and nested prefixes (<c>/lxc.payload.x/…</c>, <c>kubelet.slice/kubelet-kubepods.slice</c>).
/// The path is event text: it is scanned, never matched with a backtracking regex.
/// </summary>
public static class CgroupPath
{
    private const int DashedUidLength = 36;
    private const int PlainUidLength = 32;
    private const int ContainerIdLength = 64;
    private static readonly string[] RuntimePrefixes = ["cri-containerd-", "docker-", "crio-"];

    /// <summary>The pod UID with dashes, as the API server shows it; static pods keep their 32-hex form.</summary>
    public static string? PodUid(string path)
    {
        for (var at = path.IndexOf("pod", StringComparison.Ordinal); at >= 0; at = path.IndexOf("pod", at + 1, StringComparison.Ordinal))
        {
            var start = at + 3;
            var length = IsDashedUid(path.AsSpan(start)) ? DashedUidLength : IsHex(path.AsSpan(start), PlainUidLength) ? PlainUidLength : 0;
            if (length > 0 && EndsPathElement(path, start + length))
            {
                return path.Substring(start, length).Replace('_', '-');
            }
        }

        return null;
    }

    /// <summary>The 64-hex container id of the last path element, without runtime prefix or <c>.scope</c>.</summary>
    public static string? ContainerId(string path)
    {
        var element = path.AsSpan(path.LastIndexOf('/') + 1);
        if (element.EndsWith(".scope", StringComparison.Ordinal))
        {
            element = element[..^".scope".Length];
        }

        foreach (var prefix in RuntimePrefixes)
        {
            if (element.StartsWith(prefix, StringComparison.Ordinal) && IsHex(element[prefix.Length..], ContainerIdLength) && element.Length == prefix.Length + ContainerIdLength)
            {
                return element[prefix.Length..].ToString();
            }
        }

        return element.Length == ContainerIdLength && IsHex(element, ContainerIdLength) ? element.ToString() : null;
    }

    public static bool IsUnderKubepods(string path) => path.Contains("kubepods", StringComparison.Ordinal);

    /// <summary>After the UID: an optional <c>.slice</c>, then a '/' or the end of the path.</summary>
    private static bool EndsPathElement(string path, int position)
    {
        var rest = path.AsSpan(position);
        if (rest.StartsWith(".slice", StringComparison.Ordinal))
        {
            rest = rest[".slice".Length..];
        }

        return rest.IsEmpty || rest[0] == '/';
    }

    /// <summary>8-4-4-4-12 lowercase hex, separated by '-' (cgroupfs) or '_' (systemd).</summary>
    private static bool IsDashedUid(ReadOnlySpan<char> text)
    {
        if (text.Length < DashedUidLength)
        {
            return false;
        }

        for (var i = 0; i < DashedUidLength; i++)
        {
            var ok = i is 8 or 13 or 18 or 23 ? text[i] is '-' or '_' : IsLowerHex(text[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> text, int length)
    {
        if (text.Length < length)
        {
            return false;
        }

        foreach (var c in text[..length])
        {
            if (!IsLowerHex(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerHex(char c) => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f';
}
