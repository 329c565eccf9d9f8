using GkeEventNotifier.Adapters.Kubernetes;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Enrichment.Oom;
using GkeEventNotifier.Tests.Fakes;

namespace GkeEventNotifier.Tests.Oom;

public sealed class OomMatcherTests
{
    private const string Node = "gke-shop-cluster-pool-1-5d2c8a1e-q7lm";
    private static readonly DateTimeOffset T = OomTestHost.Start;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    [Fact]
    public void SeveralContainersOomNearTheEvent_ListsThemClosestFirst()
    {
        var pods = Pods(
            new PodBuilder("a", "far", Node).DeadOfOom("far", Cid('1'), T.AddSeconds(15)),
            new PodBuilder("a", "near", Node).DeadOfOom("near", Cid('2'), T.AddSeconds(-2)),
            new PodBuilder("a", "outside-window", Node).DeadOfOom("old", Cid('3'), T.AddSeconds(-45)));

        var resolution = OomMatcher.Resolve(new OomKill(1, "x", OomScope.Cgroup), T, pods, Window);

        Assert.Equal(OomConfidence.Several, resolution.Confidence);
        Assert.Equal(["a/near", "a/far"], resolution.Candidates.Select(c => c.Pod.FullName));
    }

    [Fact]
    public void EqualDistance_ProcessNameBreaksTheTie()
    {
        var pods = Pods(
            new PodBuilder("a", "api-0", Node).DeadOfOom("api", Cid('1'), T.AddSeconds(1)),
            new PodBuilder("a", "worker-0", Node).DeadOfOom("celery-worker", Cid('2'), T.AddSeconds(1)));

        var resolution = OomMatcher.Resolve(new OomKill(7, "celery", OomScope.Cgroup), T, pods, Window);

        Assert.Equal("celery-worker", resolution.Candidates[0].Container.Name);
    }

    [Fact]
    public void InitContainerOom_IsFound()
    {
        var pods = Pods(new PodBuilder("a", "migrate-0", Node).InitDeadOfOom("schema-migrate", Cid('1'), T).Running("app", Cid('2')));

        var resolution = OomMatcher.Resolve(new OomKill(7, "flyway", OomScope.Cgroup), T, pods, Window);

        var only = Assert.Single(resolution.Candidates);
        Assert.True(only.Container.IsInit);
        Assert.Equal(OomConfidence.Likely, resolution.Confidence);
    }

    [Fact]
    public void CgroupNamesARunningContainer_ExactWithTheChildProcessExplanation()
    {
        var pods = Pods(new PodBuilder("ml", "trainer-0", Node).Running("trainer", Cid('7')));

        var resolution = OomMatcher.Resolve(new OomKill(4249, "python", OomScope.Cgroup, ContainerId: Cid('7')), T, pods, Window);

        Assert.Equal(OomConfidence.Exact, resolution.Confidence);
        Assert.Null(resolution.OnlyCandidate!.Termination);
        Assert.Contains("It killed python (pid 4249), not the container's main process: the container kept running", resolution.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void CgroupNamesAPodThatIsGone_SaysSoInsteadOfGuessingByTime()
    {
        var pods = Pods(new PodBuilder("a", "other", Node).DeadOfOom("other", Cid('1'), T));

        var resolution = OomMatcher.Resolve(new OomKill(1, "x", OomScope.Cgroup, PodUid: "0b7c1d5e-1111-4222-8333-944455556666"), T, pods, Window);

        Assert.Equal(OomConfidence.None, resolution.Confidence);
        Assert.Contains("pod UID 0b7c1d5e-1111-4222-8333-944455556666, which is no longer on node", resolution.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void PodLevelCgroup_PicksTheOomKilledContainerOfThatPod()
    {
        var named = new PodBuilder("a", "web-0", Node).DeadOfOom("web", Cid('1'), T).Running("sidecar", Cid('2'));
        var pods = Pods(named, new PodBuilder("a", "noise", Node).DeadOfOom("noise", Cid('3'), T));

        var resolution = OomMatcher.Resolve(new OomKill(1, "x", OomScope.Cgroup, PodUid: named.Uid), T, pods, Window);

        Assert.Equal((OomConfidence.Exact, "web"), (resolution.Confidence, resolution.OnlyCandidate!.Container.Name));
    }

    [Fact]
    public void GlobalOomWithNoRestart_SaysTheNodeRanOutOfMemory()
    {
        var pods = Pods(new PodBuilder("a", "web-0", Node).Running("web", Cid('1')));

        var resolution = OomMatcher.Resolve(new OomKill(99, "spark-executor", OomScope.Node), T, pods, Window);

        Assert.Contains("The whole node ran out of memory (a global OOM)", resolution.Explanation, StringComparison.Ordinal);
    }

    private static NodePods Pods(params PodBuilder[] pods) => new(Node, T, pods.Select(p => PodMapper.ToSnapshot(p.Build())).ToList());

    private static string Cid(char c) => OomResolutionScenarioTests.Cid(c);
}
