using System.Net;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Tests.Fakes;
using k8s.Models;

namespace GkeEventNotifier.Tests.Oom;

/// <summary>OOMKilling events resolved against a fake Kubernetes API on loopback, through KUBECONFIG and KubernetesClient.</summary>
public sealed class OomResolutionScenarioTests
{
    private const string Node = "gke-shop-cluster-pool-1-5d2c8a1e-q7lm";
    private const string OtherNode = "gke-shop-cluster-pool-1-5d2c8a1e-zz01";
    private static readonly DateTimeOffset T = OomTestHost.Start;

    [Fact]
    public async Task OneOom_NamesPodContainerOwnerAndLimits()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.AddPod(new PodBuilder("shop", "checkout-6d8f9c7b5-x2p4q", Node).OwnedBy("ReplicaSet", "checkout-6d8f9c7b5")
            .RestartedAfterOom("api", Cid('a'), Cid('b'), T.AddSeconds(2), restarts: 3, limit: "768Mi", request: "512Mi")
            .Running("envoy", Cid('c')).Build());
        host.Api.AddPod(new PodBuilder("kube-system", "kube-proxy-abcde", Node).OwnedBy("DaemonSet", "kube-proxy").Running("kube-proxy", Cid('d')).Build());
        host.Api.AddReplicaSet(ReplicaSet("shop", "checkout-6d8f9c7b5", "checkout"));

        var finding = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(4249, "python")));

        Assert.Equal("OOM-killed container", finding.Heading);
        Assert.Equal("shop/checkout-6d8f9c7b5-x2p4q", finding.Field("Pod"));
        Assert.Equal("api", finding.Field("Container"));
        Assert.Equal("Deployment checkout", finding.Field("Owner"));
        Assert.Equal("768Mi / 512Mi", finding.Field("Memory limit / request"));
        Assert.Equal("3", finding.Field("Restarts"));
        Assert.Equal("137", finding.Field("Exit code"));
        Assert.StartsWith("2026-11-03T14:20:02Z (+2 s", finding.Field("Died at"), StringComparison.Ordinal);
        Assert.Equal(Node, finding.Field("Node"));
        Assert.Equal("Burstable", finding.Field("QoS"));
        Assert.StartsWith("likely", finding.Field("Confidence"), StringComparison.Ordinal);
        Assert.StartsWith($"/api/v1/pods?fieldSelector=spec.nodeName%3D{Node}&", Assert.Single(host.Api.Requests, r => r.StartsWith("/api/v1/", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoPodsOomOnOneNodeAMinuteApart_EachEventNamesItsOwnPod()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.AddPod(new PodBuilder("batch", "report-28843200-7xk2n", Node).DeadOfOom("report", Cid('1'), T.AddSeconds(1)).Build());
        host.Api.AddPod(new PodBuilder("batch", "thumbnails-5f6b7-9qwer", Node).RestartedAfterOom("resize", Cid('2'), Cid('3'), T.AddSeconds(61), restarts: 1).Build());

        var first = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(1001, "python")));
        host.Time!.Advance(TimeSpan.FromMinutes(1));
        var second = Assert.Single(await host.EnrichAsync(Node, T.AddMinutes(1), OomTestHost.KilledLine(2002, "convert")));

        Assert.Equal(("batch/report-28843200-7xk2n", "report"), (first.Field("Pod"), first.Field("Container")));
        Assert.Equal(("batch/thumbnails-5f6b7-9qwer", "resize"), (second.Field("Pod"), second.Field("Container")));
    }

    [Fact]
    public async Task SameContainerOomTwice_BothEventsNameItWithTheRestartCountOfTheirTime()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.AddPod(new PodBuilder("shop", "cart-77d9-abcde", Node).RestartedAfterOom("cart", Cid('1'), Cid('2'), T.AddSeconds(1), restarts: 1).Build());
        var first = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(310, "node")));

        host.Api.AddPod(new PodBuilder("shop", "cart-77d9-abcde", Node).RestartedAfterOom("cart", Cid('2'), Cid('3'), T.AddSeconds(91), restarts: 2).Build());
        host.Time!.Advance(TimeSpan.FromSeconds(90));
        var second = Assert.Single(await host.EnrichAsync(Node, T.AddSeconds(90), OomTestHost.KilledLine(977, "node")));

        Assert.Equal(("cart", "1"), (first.Field("Container"), first.Field("Restarts")));
        Assert.Equal(("cart", "2"), (second.Field("Container"), second.Field("Restarts")));
        Assert.Equal(2, host.Api.PodListCalls);
    }

    [Fact]
    public async Task OomOnAnotherNodeAtTheSameTime_IsNotBlamedForThisNodesEvent()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.AddPod(new PodBuilder("shop", "search-0", OtherNode).DeadOfOom("search", Cid('e'), T).Build());
        host.Api.AddPod(new PodBuilder("shop", "web-1", Node).Running("web", Cid('f')).Build());

        var finding = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(4249, "python")));

        Assert.Equal("OOM kill: no container was restarted", finding.Heading);
        Assert.DoesNotContain("search", finding.AllNotes(), StringComparison.Ordinal);
        Assert.All(host.Api.Requests, r => Assert.Contains($"spec.nodeName%3D{Node}", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChildProcessKilled_SaysTheContainerKeptRunningWithProcessNameAndPid()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.AddPod(new PodBuilder("ml", "trainer-0", Node).Running("trainer", Cid('7')).Build());

        var finding = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(4249, "python")));

        Assert.Equal("none found", finding.Field("Confidence"));
        Assert.Contains("killed python (pid 4249), a child process: its container kept running", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KillLineRateLimitedAway_TheReapersLineNamesTheProcess()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.AddPod(new PodBuilder("ml", "trainer-0", Node).Running("trainer", Cid('7')).Build());
        const string Message = "Memory cgroup out of memory: oom_kill_process: 4 callbacks suppressed\noom_reaper: reaped process 30417 (celery), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB";

        var finding = Assert.Single(await host.EnrichAsync(Node, T, Message));

        Assert.Contains("killed celery (pid 30417), a child process", finding.AllNotes(), StringComparison.Ordinal);
        Assert.DoesNotContain("an unnamed process", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CgroupPathInMessage_PicksTheNamedContainerEvenWhenAnotherOomedAtTheSameTime()
    {
        await using var host = await OomTestHost.StartAsync();
        var named = new PodBuilder("shop", "payments-5c9d-k2j4h", Node).RestartedAfterOom("payments", Cid('8'), Cid('9'), T, restarts: 4);
        host.Api.AddPod(named.Build());
        host.Api.AddPod(new PodBuilder("shop", "ledger-0", Node).OwnedBy("StatefulSet", "ledger").RestartedAfterOom("ledger", Cid('a'), Cid('b'), T, restarts: 1).Build());
        var message = $"oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=cri-containerd-{Cid('8')}.scope,mems_allowed=0,oom_memcg=/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{named.Uid.Replace('-', '_')}.slice/cri-containerd-{Cid('8')}.scope,task_memcg=/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{named.Uid.Replace('-', '_')}.slice/cri-containerd-{Cid('8')}.scope,task=java,pid=5120,uid=0\n"
            + OomTestHost.KilledLine(5120, "java");

        var finding = Assert.Single(await host.EnrichAsync(Node, T, message));

        Assert.Equal(("shop/payments-5c9d-k2j4h", "payments"), (finding.Field("Pod"), finding.Field("Container")));
        Assert.StartsWith("exact", finding.Field("Confidence"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeGone_SaysSo()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.AddPod(new PodBuilder("shop", "web-1", OtherNode).Running("web", Cid('f')).Build());

        var finding = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(4249, "python")));

        Assert.Equal("node gone", finding.Field("Confidence"));
        Assert.Contains($"Node {Node} has no pods any more", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListForbidden_AlertNamesTheMissingPermissionAndStillNamesTheProcess()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.ForbiddenResources.Add("pods");

        var finding = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(4249, "python")));

        Assert.Equal("python (pid 4249)", finding.Field("Process"));
        Assert.Contains("403 Forbidden. Missing permission container.pods.list (IAM) or RBAC list pods", finding.AllNotes(), StringComparison.Ordinal);
        Assert.Contains("cannot list resource \"pods\"", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnerForbidden_StillNamesThePodAndShowsTheReplicaSet()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.ForbiddenResources.Add("replicasets");
        host.Api.AddPod(new PodBuilder("shop", "checkout-6d8f9c7b5-x2p4q", Node).OwnedBy("ReplicaSet", "checkout-6d8f9c7b5").DeadOfOom("api", Cid('a'), T).Build());

        var finding = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(4249, "python")));

        Assert.Equal("ReplicaSet checkout-6d8f9c7b5", finding.Field("Owner"));
        Assert.Contains("container.replicaSets.get", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobPod_OwnerIsTheCronJob()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.AddPod(new PodBuilder("batch", "nightly-export-29380000-8d7fq", Node).OwnedBy("Job", "nightly-export-29380000").WithQos("Guaranteed").DeadOfOom("export", Cid('4'), T.AddSeconds(-3)).Build());
        host.Api.AddJob(new V1Job
        {
            Metadata = new V1ObjectMeta
            {
                Name = "nightly-export-29380000",
                NamespaceProperty = "batch",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = "nightly-export", Uid = Guid.NewGuid().ToString(), Controller = true }],
            },
        });

        var finding = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(4249, "python")));

        Assert.Equal(("CronJob nightly-export", "Guaranteed"), (finding.Field("Owner"), finding.Field("QoS")));
    }

    [Fact]
    public async Task ServerError_DegradesTheAlert()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.FailWith = HttpStatusCode.InternalServerError;

        var finding = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(4249, "python")));

        Assert.Contains("Could not list the pods on the node: the API server answered 500", finding.AllNotes(), StringComparison.Ordinal);
        Assert.Equal("unknown (look-up failed)", finding.Field("Confidence"));
    }

    [Fact]
    public async Task WrongToken_SaysTheCredentialsWereRejected()
    {
        await using var host = await OomTestHost.StartAsync(kubeconfigToken: "stale-token");

        var finding = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(4249, "python")));

        Assert.Contains("401 Unauthorized", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowApi_AlertGoesOutWithoutThePodAfterTheTimeout()
    {
        await using var host = await OomTestHost.StartAsync(new() { [KubernetesOptions.TimeoutVariable] = "1" }, TimeProvider.System);
        host.Api.Delay = TimeSpan.FromMinutes(5);

        var finding = Assert.Single(await host.EnrichAsync(Node, T, OomTestHost.KilledLine(4249, "python")));

        Assert.Contains("no answer within 1 s (KUBERNETES_TIMEOUT_SECONDS)", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BurstOfTwentyEventsOnOneNode_CostsExactlyOneListCall()
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.Delay = TimeSpan.FromMilliseconds(200);
        host.Api.AddPod(new PodBuilder("shop", "web-1", Node).DeadOfOom("web", Cid('f'), T).Build());

        var findings = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => host.EnrichAsync(Node, T.AddMilliseconds(i * 100), OomTestHost.KilledLine(1000 + i, "gunicorn"))));

        Assert.Equal(1, host.Api.PodListCalls);
        Assert.All(findings, f => Assert.Equal("shop/web-1", Assert.Single(f).Field("Pod")));
    }

    [Fact]
    public async Task KillOutsideAnyPod_SaysSoWithoutAskingTheApi()
    {
        await using var host = await OomTestHost.StartAsync();
        var message = "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/podruntime.slice,task_memcg=/podruntime.slice/kubelet.service,task=kubelet,pid=1201,uid=0\n"
            + "Memory cgroup out of memory: Killed process 1201 (kubelet) total-vm:1856872kB, anon-rss:349600kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:464kB oom_score_adj:-999";

        var finding = Assert.Single(await host.EnrichAsync(Node, T, message));

        Assert.Equal("OOM kill outside any pod", finding.Heading);
        Assert.Contains("kubelet (pid 1201) in cgroup /podruntime.slice/kubelet.service", finding.AllNotes(), StringComparison.Ordinal);
        Assert.Empty(host.Api.Requests);
    }

    internal static string Cid(char c) => new(c, 64);

    private static V1ReplicaSet ReplicaSet(string ns, string name, string deployment) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = deployment, Uid = Guid.NewGuid().ToString(), Controller = true }],
        },
    };
}
