using System.Collections.Concurrent;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Tests.Fakes;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// Kubernetes API traffic per OOMKilling event in a 5,000-pod cluster with 110 pods on the node: the project's
/// node-scoped look-up (one <c>fieldSelector=spec.nodeName=</c> list plus the owner read, through the real enricher)
/// against listing the whole cluster, the usual approach, as the baseline. Both talk real HTTP to the tests' fake API
/// server, in the same run; the columns "API requests/event" and "API KB/event" are counted by that server. Every
/// node-scoped event is isolated (caches expired), so the figures are the worst case; a burst on one node shares one list.
/// </summary>
[Config(typeof(TrafficConfig))]
[MemoryDiagnoser]
public class OomResolutionBenchmarks : IDisposable
{
    public const int ClusterPods = 5000;
    public const int PodsOnNode = 110;
    private const string Node = "gke-bench-pool-1-00000000-node";
    private static readonly DateTimeOffset EventTime = new(2026, 11, 20, 13, 3, 27, TimeSpan.Zero);

    private FakeKubernetesApi api = null!;
    private ServiceProvider services = null!;
    private OomKillingEnricher enricher = null!;
    private FakeTimeProvider time = null!;
    private k8s.Kubernetes? client;
    private EventLogEntry entry = null!;
    private int requestsBefore;
    private long bytesBefore;
    private int events;
    private string method = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        api = await FakeKubernetesApi.StartAsync();
        api.AllowWholeClusterList = true;
        Populate(api);
        var kubeconfig = api.WriteKubeconfig(Directory.CreateTempSubdirectory("oom-bench-").FullName);
        time = new FakeTimeProvider(EventTime.AddSeconds(30));
        services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(time)
            .AddOomResolution(new ConfigurationBuilder().AddInMemoryCollection([new(KubernetesOptions.KubeconfigVariable, kubeconfig)]).Build())
            .BuildServiceProvider();
        enricher = services.GetServices<IEventEnricher>().OfType<OomKillingEnricher>().Single();
        client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        entry = Entry();
        (requestsBefore, bytesBefore, events) = (api.Requests.Count, api.ResponseBytes, 0);
    }

    [Benchmark(Baseline = true, Description = "whole-cluster list (baseline)")]
    public async Task<int> WholeClusterList()
    {
        (events, method) = (events + 1, nameof(WholeClusterList));
        var pods = await client!.CoreV1.ListPodForAllNamespacesAsync();
        return pods.Items.Count(IsOomKilledNearEvent);
    }

    [Benchmark(Description = "node-scoped look-up (this project)")]
    public async Task<IReadOnlyList<Finding>> NodeScoped()
    {
        (events, method) = (events + 1, nameof(NodeScoped));
        time.Advance(TimeSpan.FromMinutes(11));
        return await enricher.EnrichAsync(entry, CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        TrafficLedger.Record(
            method,
            (double)(api.Requests.Count - requestsBefore) / Math.Max(events, 1),
            (double)(api.ResponseBytes - bytesBefore) / Math.Max(events, 1));
        Dispose();
        await services.DisposeAsync();
        await api.DisposeAsync();
    }

    public void Dispose()
    {
        client?.Dispose();
        client = null;
        GC.SuppressFinalize(this);
    }

    private static bool IsOomKilledNearEvent(k8s.Models.V1Pod pod) =>
        pod.Status.ContainerStatuses.Any(c => c.LastState?.Terminated is { Reason: "OOMKilled", FinishedAt: { } at }
            && Math.Abs((at - EventTime.UtcDateTime).TotalSeconds) <= 20);

    /// <summary>110 pods on the event's node (one of them OOM-killed then), the rest spread over 45 other nodes, three of which had OOM kills at the same moment.</summary>
    private static void Populate(FakeKubernetesApi api)
    {
        for (var i = 0; i < ClusterPods; i++)
        {
            var node = i < PodsOnNode ? Node : $"gke-bench-pool-1-00000000-n{i % 45:00}";
            var pod = new PodBuilder($"team-{i % 20}", $"service-{i}-7d9f8c6b5-abcde", node).OwnedBy("ReplicaSet", $"service-{i}-7d9f8c6b5");
            var id = i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
            api.AddPod((i is 7 or 1234 or 2345 or 3456
                ? pod.RestartedAfterOom("app", id, id.Replace('0', 'f'), EventTime.AddSeconds(i % 5), restarts: 3)
                : pod.Running("app", id)).Running("istio-proxy", id.Replace('0', 'e')).Build());
        }
    }

    private static EventLogEntry Entry()
    {
        var cluster = new ClusterRef("bench-project", "europe-west1", "bench-cluster");
        var labels = new Dictionary<string, string> { ["project_id"] = "bench-project", ["location"] = "europe-west1", ["cluster_name"] = "bench-cluster", ["node_name"] = Node };
        var message = "Memory cgroup out of memory: Killed process 4249 (python) total-vm:912344kB, anon-rss:523904kB, file-rss:10240kB, shmem-rss:0kB, UID:1000 pgtables:1012kB oom_score_adj:985";
        var @event = new KubernetesEvent("OOMKilling", message, "Warning", new ObjectRef("Node", Node), EventTime, SourceComponent: "kernel-monitor", SourceHost: Node);
        return new EventLogEntry("bench", "projects/bench-project/logs/events", "k8s_node", labels, EventTime, "WARNING", cluster, @event, JsonDocument.Parse("{}").RootElement);
    }

    /// <summary>In-process, so the traffic the fake server counted can be shown as columns next to the timings.</summary>
    private sealed class TrafficConfig : ManualConfig
    {
        public TrafficConfig()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithInvocationCount(4).WithUnrollFactor(1));
            AddColumn(new TrafficColumn("API requests/event", t => t.Requests.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
            AddColumn(new TrafficColumn("API KB/event", t => (t.Bytes / 1024).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private sealed class TrafficColumn(string name, Func<(double Requests, double Bytes), string> format) : IColumn
    {
        public string Id => name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Counted by the fake Kubernetes API server: " + name;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            TrafficLedger.Get(benchmarkCase.Descriptor.WorkloadMethod.Name) is { } traffic ? format(traffic) : "?";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}

/// <summary>Traffic per event, by benchmark method, filled at global clean-up and read by the columns (same process).</summary>
internal static class TrafficLedger
{
    private static readonly ConcurrentDictionary<string, (double Requests, double Bytes)> Entries = new();

    public static void Record(string key, double requests, double bytes) => Entries[key] = (requests, bytes);

    public static (double Requests, double Bytes)? Get(string key) => Entries.TryGetValue(key, out var value) ? value : null;
}
