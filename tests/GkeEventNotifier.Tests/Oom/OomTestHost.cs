using System.Text.Json;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GkeEventNotifier.Tests.Oom;

/// <summary>
/// The OOM look-up as the function wires it (<see cref="KubernetesServiceCollectionExtensions.AddOomResolution"/>),
/// reaching a <see cref="FakeKubernetesApi"/> through a kubeconfig file in a temporary directory.
/// </summary>
internal sealed class OomTestHost : IAsyncDisposable
{
    public static readonly ClusterRef Cluster = new("acme-prod", "europe-west4", "shop-cluster");
    public static readonly DateTimeOffset Start = new(2026, 11, 3, 14, 20, 0, TimeSpan.Zero);

    private readonly ServiceProvider services;
    private readonly string directory;

    private OomTestHost(FakeKubernetesApi api, ServiceProvider services, string directory, FakeTimeProvider? time)
    {
        Api = api;
        this.services = services;
        this.directory = directory;
        Time = time;
    }

    public FakeKubernetesApi Api { get; }

    public FakeTimeProvider? Time { get; }

    public IEventEnricher Enricher => services.GetServices<IEventEnricher>().OfType<OomKillingEnricher>().Single();

    public static async Task<OomTestHost> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? time = null, string? kubeconfigToken = null)
    {
        var api = await FakeKubernetesApi.StartAsync();
        var directory = Directory.CreateTempSubdirectory("oom-test-").FullName;
        var configuration = new Dictionary<string, string?> { [KubernetesOptions.KubeconfigVariable] = api.WriteKubeconfig(directory, kubeconfigToken) };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        var clock = time ?? new FakeTimeProvider(Start.AddMinutes(1));
        var services = BuildServices(configuration, clock);
        return new OomTestHost(api, services, directory, clock as FakeTimeProvider);
    }

    public static ServiceProvider BuildServices(Dictionary<string, string?> settings, TimeProvider time, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton(time);
        more?.Invoke(collection);
        collection.AddOomResolution(configuration);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _ = provider.GetRequiredService<IOptions<KubernetesOptions>>().Value;
        return provider;
    }

    public Task<IReadOnlyList<Finding>> EnrichAsync(string node, DateTimeOffset at, string message) =>
        Enricher.EnrichAsync(Entry(node, at, message), CancellationToken.None);

    public static EventLogEntry Entry(string node, DateTimeOffset at, string message, ClusterRef? cluster = null)
    {
        var c = cluster ?? Cluster;
        var labels = new Dictionary<string, string>
        {
            ["project_id"] = c.ProjectId,
            ["location"] = c.Location,
            ["cluster_name"] = c.ClusterName,
            ["node_name"] = node,
        };
        var @event = new KubernetesEvent("OOMKilling", message, "Warning", new ObjectRef("Node", node, Uid: node), at,
            Uid: Guid.NewGuid().ToString(), Namespace: "default", SourceComponent: "kernel-monitor", SourceHost: node);
        return new EventLogEntry($"oom-{at.ToUnixTimeSeconds()}", $"projects/{c.ProjectId}/logs/events", "k8s_node", labels, at, "WARNING", c, @event, JsonDocument.Parse("{}").RootElement);
    }

    public static string KilledLine(int pid, string comm) =>
        $"Memory cgroup out of memory: Killed process {pid} ({comm}) total-vm:912344kB, anon-rss:523904kB, file-rss:10240kB, shmem-rss:0kB, UID:1000 pgtables:1012kB oom_score_adj:985";

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Api.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
