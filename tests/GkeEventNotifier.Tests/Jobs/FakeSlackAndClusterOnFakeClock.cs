using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Threads;

namespace GkeEventNotifier.Tests.Jobs;

/// <summary>A fake Slack on a fake clock plus a fake Kubernetes API reached through a kubeconfig file: the pipeline as it reads a cluster.</summary>
public abstract class FakeSlackAndClusterOnFakeClock : FakeSlackOnFakeClock
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("cluster-");

    protected FakeKubernetesApi Cluster { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Cluster = await FakeKubernetesApi.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Cluster.DisposeAsync();
        directory.Delete(recursive: true);
    }

    /// <summary>The function's pipeline posting with a bot token and reading the fake cluster; <paramref name="configure"/> replaces services (a shared alert state).</summary>
    private protected PipelineHarness Function(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null) => PipelineHarness.BotToken(Slack, Time, new Dictionary<string, string?>
    {
        [KubernetesOptions.KubeconfigVariable] = Cluster.WriteKubeconfig(directory.FullName),
    }, configure);
}
