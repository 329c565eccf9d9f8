using GkeEventNotifier.Adapters.Kubernetes;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GkeEventNotifier.Tests.Oom;

/// <summary>How the look-up reaches a cluster: through the GKE API on GCP, not at all without configuration; settings checked at start.</summary>
public sealed class ClusterAccessTests
{
    private const string Node = "gke-shop-cluster-pool-2-9a8b7c6d-m3n4";
    private static readonly DateTimeOffset T = OomTestHost.Start;

    [Fact]
    public async Task OnGcpWithoutKubeconfig_FindsTheClusterThroughTheGkeApiOnceAndReadsItsPodsOverTls()
    {
        var time = new FakeTimeProvider(T.AddMinutes(1));
        var tokens = new FakeAccessTokenSource(time);
        using var certificate = LoopbackCertificate.Create();
        await using var cluster = await FakeKubernetesApi.StartAsync(token: "gke-token-1", tlsCertificate: certificate);
        await using var gke = await FakeGkeApi.StartAsync(token: "gke-token-1");
        gke.AddCluster("acme-prod", "europe-west4", "shop-cluster", cluster.BaseAddress.Authority, LoopbackCertificate.Pem(certificate));
        cluster.AddPod(new PodBuilder("shop", "search-0", Node).OwnedBy("StatefulSet", "search").DeadOfOom("search", new string('5', 64), T).Build());
        await using var services = OomTestHost.BuildServices(
            new() { ["K_SERVICE"] = "gke-event-notifier", [KubernetesOptions.GkeApiUrlVariable] = gke.BaseAddress.ToString() },
            time,
            s => s.AddSingleton<IAccessTokenSource>(new RefreshingAccessTokenSource(tokens, time)));
        var enricher = services.GetServices<IEventEnricher>().OfType<OomKillingEnricher>().Single();

        var first = Assert.Single(await enricher.EnrichAsync(OomTestHost.Entry(Node, T, OomTestHost.KilledLine(812, "java")), CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(2));
        var second = Assert.Single(await enricher.EnrichAsync(OomTestHost.Entry(Node, T.AddSeconds(3), OomTestHost.KilledLine(813, "java")), CancellationToken.None));

        Assert.Equal(("shop/search-0", "StatefulSet search"), (first.Field("Pod"), first.Field("Owner")));
        Assert.Equal("shop/search-0", second.Field("Pod"));
        Assert.Equal(1, gke.Requests);
        Assert.Equal(1, tokens.Issued);
    }

    [Fact]
    public async Task GkeApiRefusesTheServiceAccount_AlertNamesContainerClustersGet()
    {
        var time = new FakeTimeProvider(T);
        await using var gke = await FakeGkeApi.StartAsync(token: "some-other-identity");
        await using var services = OomTestHost.BuildServices(
            new() { ["K_SERVICE"] = "gke-event-notifier", [KubernetesOptions.GkeApiUrlVariable] = gke.BaseAddress.ToString() },
            time,
            s => s.AddSingleton<IAccessTokenSource>(new FakeAccessTokenSource(time)));
        var enricher = services.GetServices<IEventEnricher>().OfType<OomKillingEnricher>().Single();

        var finding = Assert.Single(await enricher.EnrichAsync(OomTestHost.Entry(Node, T, OomTestHost.KilledLine(812, "java")), CancellationToken.None));

        Assert.Contains("missing permission container.clusters.get", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeitherKubeconfigNorGcp_AlertSaysNoAccessIsConfiguredAndWhy()
    {
        await using var services = OomTestHost.BuildServices([], new FakeTimeProvider(T));
        var enricher = services.GetServices<IEventEnricher>().OfType<OomKillingEnricher>().Single();

        var finding = Assert.Single(await enricher.EnrichAsync(OomTestHost.Entry(Node, T, OomTestHost.KilledLine(4249, "python")), CancellationToken.None));

        Assert.Equal("python (pid 4249)", finding.Field("Process"));
        Assert.Contains("No cluster access configured, so the cluster was not read: set KUBECONFIG, or run on GCP", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenNearExpiry_IsRefreshedBeforeItExpires()
    {
        var time = new FakeTimeProvider(T);
        var inner = new FakeAccessTokenSource(time);
        using var tokens = new RefreshingAccessTokenSource(inner, time);

        var first = await tokens.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(54));
        var stillFirst = await tokens.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var refreshed = await tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal(("gke-token-1", "gke-token-1", "gke-token-2"), (first.Value, stillFirst.Value, refreshed.Value));
    }

    [Theory]
    [InlineData(KubernetesOptions.TimeoutVariable, "soon", "KUBERNETES_TIMEOUT_SECONDS is not a whole number: it must be a number from 1 to 120 (seconds).")]
    [InlineData(KubernetesOptions.TimeoutVariable, "0", "KUBERNETES_TIMEOUT_SECONDS is out of range: it must be from 1 to 120 (seconds).")]
    [InlineData(KubernetesOptions.GkeApiUrlVariable, "container.internal", "GKE_API_URL must be an absolute http(s) URL")]
    [InlineData(KubernetesOptions.KubeconfigVariable, "/nonexistent/kubeconfig", "KUBECONFIG names '/nonexistent/kubeconfig', which does not exist.")]
    public void BadSetting_StopsTheStartNamingTheVariable(string variable, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => OomTestHost.BuildServices(new() { [variable] = value }, TimeProvider.System).Dispose());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
