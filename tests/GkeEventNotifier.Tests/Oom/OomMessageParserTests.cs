using GkeEventNotifier.Stages.Enrichment.Oom;

namespace GkeEventNotifier.Tests.Oom;

public sealed class OomMessageParserTests
{
    [Theory]
    [InlineData("npd-5x-memcg.txt", 48213, "gunicorn", OomScope.Cgroup)]
    [InlineData("npd-5x-global.txt", 9921, "ffmpeg", OomScope.Node)]
    [InlineData("npd-old-two-line.txt", 2210, "ruby", OomScope.Cgroup)]
    [InlineData("npd-4x-killed-line-only.txt", 7719, "node", OomScope.Unknown)]
    [InlineData("npd-combined.txt", 5120, "java", OomScope.Cgroup)]
    [InlineData("uid-before-comm.txt", 6601, "httpd", OomScope.Node)]
    [InlineData("uid-after-comm.txt", 812044, "node", OomScope.Cgroup)]
    [InlineData("kill-line-only-global.txt", 4567, "celery", OomScope.Node)]
    [InlineData("legacy-v1-cgroupfs-burstable.txt", 19220, "php-fpm", OomScope.Cgroup)]
    [InlineData("oomkill-global-in-pod.txt", 88123, "spark-executor", OomScope.Node)]
    [InlineData("oomkill-v2-systemd-guaranteed.txt", 77120, "redis-server", OomScope.Cgroup)]
    [InlineData("reaper-only-rate-limited.txt", 30417, "celery", OomScope.Cgroup)]
    public void KillLineOfEveryGeneration_GivesProcessAndScope(string fixture, int pid, string comm, OomScope scope)
    {
        var kill = OomMessageParser.Parse(Fixture(fixture));

        Assert.Equal((pid, comm, scope), (kill.Pid!.Value, kill.ProcessName!, kill.Scope));
    }

    [Fact]
    public void KernelChoseAChild_ReportsTheKilledProcessNotTheScoredOne()
    {
        var kill = OomMessageParser.Parse(Fixture("npd-old-child-chosen.txt"));

        Assert.Equal("convert (pid 3177)", kill.ProcessText);
    }

    [Theory]
    [InlineData("oomkill-v2-systemd-burstable-containerd.txt", "cfa48b8b-29b1-4748-a731-a8753b4592a2", "e237f3bfdf984bc5c727115758f6124677244b83d2d7edaa4cb60e5e0d2e173e")]
    [InlineData("oomkill-v1-cgroupfs-burstable-kmsg.txt", "34542f49-4d50-4bf6-8de0-0b9a112ca1ef", "cd503a71216d3c9bf21357fa652be0c0772107cb26b104b9d446d9ff59a77366")]
    [InlineData("oomkill-v2-systemd-guaranteed.txt", "c54bedd7-ac17-4e45-8eb3-5ebd3e92f8ac", "9d6faa6d1765e5fea203c4651223d3d83a15342d3fca877a651d81937c4610dd")]
    [InlineData("oomkill-v2-systemd-besteffort-crio.txt", "280ce351-ec3b-4416-93c3-5ec9a8155ce6", "11a4da8ad576acbd59dab4202d7555f27ccd2cf2988c17fc8269aeac325d48af")]
    [InlineData("oomkill-nested-lxc-prefix.txt", "d77ab6d8-a180-427d-95b8-3adeb7357791", "12520e852651fab7dbaff9d0967b4ce5a078510015ff799c60e52932603d62bd")]
    [InlineData("oomkill-pod-level-limit-cgroupfs.txt", "d96f69dc-6729-494f-8458-921e9c1168e1", "b188aa0e482ef115675767a51d8148e070d85fca90724a6a4764ce237c4bab2c")]
    [InlineData("oomkill-global-in-pod.txt", "22dc6214-6f8a-4cab-84ef-5b8420bc2ba8", "980df198f342a641f41e5f1f7b8fa91d24264cceba195d03969fb10c9b916b66")]
    [InlineData("legacy-v1-cgroupfs-burstable.txt", "7818665a-f8f0-41b8-8431-27ef52934ca3", "bde26f8bdc7ace6d415714cd0392c259a73c29ff8f5840254e1251c57ecb9914")]
    [InlineData("legacy-v1-systemd-docker.txt", "b35f01a8-83cc-4df3-bfa5-102ffdf0c4b2", "c9f48c58547de16edecfbbd195de863f5a0cdb2050dd00d2d7177af7e346acde")]
    [InlineData("oom-group-several-kills.txt", "50566968-bebe-4d9f-b923-8f51493bdc46", "f28d6a7161b408dcafcceb20e6dd3c7536c054fab49d68cd4246dd3518978af6")]
    [InlineData("static-pod-32hex-uid.txt", "ba50ddfef240e9a07270282a78d22c2e", "36a527e7bae317f036813b85e2a612eb36de57f5342c08548c30201161420248")]
    [InlineData("kubelet-slice-nested.txt", "3ce7162a-2a1f-3485-bdc4-ce82f391af40", "5e0b1c44a9d27f3386b1e40c2d9a7f1b0c6e38d45f2a19b7c0d4e6f8a1b3c5d7")]
    [InlineData("cpuset-carries-container.txt", "cfa48b8b-29b1-4748-a731-a8753b4592a2", "e237f3bfdf984bc5c727115758f6124677244b83d2d7edaa4cb60e5e0d2e173e")]
    public void CgroupPathOfEveryDriverAndRuntime_GivesPodUidWithDashesAndContainerId(string fixture, string podUid, string containerId)
    {
        var kill = OomMessageParser.Parse(Fixture(fixture));

        Assert.Equal((podUid, containerId), (kill.PodUid!, kill.ContainerId!));
    }

    [Fact]
    public void OomGroupKillsSeveralProcesses_ReportsTheFirstVictim()
    {
        var kill = OomMessageParser.Parse(Fixture("oom-group-several-kills.txt"));

        Assert.Equal("stress (pid 91001)", kill.ProcessText);
    }

    [Fact]
    public void PodLevelLimit_KeepsBothTheLimitAndTheTaskCgroup()
    {
        var kill = OomMessageParser.Parse(Fixture("oomkill-pod-level-limit-cgroupfs.txt"));

        Assert.Equal("/kubepods/burstable/podd96f69dc-6729-494f-8458-921e9c1168e1", kill.LimitCgroup);
        Assert.EndsWith("/b188aa0e482ef115675767a51d8148e070d85fca90724a6a4764ce237c4bab2c", kill.TaskCgroup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oomkill-system-service.txt", "containerd (pid 812)")]
    [InlineData("oomkill-global-plain-docker.txt", "gradle (pid 3344)")]
    public void CgroupOutsideKubepods_IsRecognisedAsNoPod(string fixture, string process)
    {
        var kill = OomMessageParser.Parse(Fixture(fixture));

        Assert.True(kill.IsOutsidePods);
        Assert.Null(kill.PodUid);
        Assert.Equal(process, kill.ProcessText);
    }

    [Theory]
    [InlineData("npd-5x-memcg.txt")]
    [InlineData("npd-old-two-line.txt")]
    [InlineData("kill-line-only-global.txt")]
    public void NpdMessageWithoutCgroupLine_HasNoPodIdentity(string fixture)
    {
        var kill = OomMessageParser.Parse(Fixture(fixture));

        Assert.False(kill.HasCgroup);
        Assert.False(kill.IsOutsidePods);
        Assert.Null(kill.PodUid);
        Assert.Null(kill.ContainerId);
    }

    [Fact]
    public void GlobalOomOfPodProcess_IsNodeScopeWithPodIdentity()
    {
        var kill = OomMessageParser.Parse(Fixture("oomkill-global-in-pod.txt"));

        Assert.Equal(OomScope.Node, kill.Scope);
        Assert.False(kill.IsOutsidePods);
    }

    [Fact]
    public void MessageThatIsNoOomKill_YieldsNothingAndDoesNotThrow()
    {
        var kill = OomMessageParser.Parse(Fixture("not-an-oom.txt"));

        Assert.Equal(new OomKill(null, null, OomScope.Unknown), kill);
    }

    [Fact]
    public void CombinedPrefix_IsStripped()
    {
        Assert.Equal("Killed process 1 (a) total-vm:1kB", OomMessageParser.StripCombinedPrefix("(combined from similar events): Killed process 1 (a) total-vm:1kB"));
    }

    internal static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Oom", "Fixtures", name));
}
