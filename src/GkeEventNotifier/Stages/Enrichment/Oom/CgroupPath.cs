using System.Text.RegularExpressions;

namespace GkeEventNotifier.Stages.Enrichment.Oom;

/// <summary>
/// Reads a Kubernetes pod UID and container id out of a memory-cgroup path, for both cgroup drivers:
/// cgroupfs (<c>/kubepods/burstable/pod&lt;uid-with-dashes&gt;/&lt;cid&gt;</c>) and systemd
/// (<c>kubepods-burstable-pod&lt;uid_with_underscores&gt;.slice/cri-containerd-&lt;cid&gt;.scope</c>), any QoS class,
/// docker/containerd/cri-o scopes and nested prefixes (<c>/lxc.payload.x/…</c>, <c>kubelet.slice/kubelet-kubepods.slice</c>).
/// </summary>
public static partial class CgroupPath
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
