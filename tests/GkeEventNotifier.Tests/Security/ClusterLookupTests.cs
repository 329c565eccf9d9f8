using GkeEventNotifier.Adapters.Kubernetes;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Oom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GkeEventNotifier.Tests.Security;

/// <summary>
/// On GCP the LogEntry's resource labels choose the cluster the function describes with its own Google token. Forged
/// labels make no GKE API call; a project outside <c>CLUSTER_PROJECTS</c> gets no call and no token; the token never goes
/// to an endpoint that is not a cluster endpoint; a flood of unknown clusters costs one call each per minute at most.
/// </summary>
public sealed class ClusterLookupTests : IAsyncLifetime
{
    private const string Node = "gke-shop-cluster-pool-2-9a8b7c6d-m3n4";
    private static readonly DateTimeOffset T = OomTestHost.Start;
    private readonly FakeTimeProvider time = new(T.AddMinutes(1));
    private FakeAccessTokenSource tokens = null!;
    private FakeGkeApi gke = null!;

    public async Task InitializeAsync()
    {
        tokens = new FakeAccessTokenSource(time);
        gke = await FakeGkeApi.StartAsync(token: "gke-token-1");
    }

    public async Task DisposeAsync() => await gke.DisposeAsync();

    [Theory]
    [InlineData("..", "europe-west4", "shop-cluster", "project_id")]
    [InlineData("acme-prod/locations/x/clusters/y?", "europe-west4", "shop-cluster", "project_id")]
    [InlineData("acme-prod", "..", "shop-cluster", "location")]
    [InlineData("acme-prod", "europe-west4/clusters/x", "shop-cluster", "location")]
    [InlineData("acme-prod", "europe-west4", "..", "cluster_name")]
    [InlineData("acme-prod", "europe-west4", "%2e%2e", "cluster_name")]
    [InlineData("acme-prod", "europe-west4", "shop-cluster/../../x", "cluster_name")]
    public async Task LabelsThatAreNotGoogleNames_NoGkeApiCall_AlertSaysWhich(string project, string location, string name, string label)
    {
        await using var services = Services();

        var finding = await EnrichAsync(services, new ClusterRef(project, location, name));

        Assert.Equal(0, gke.Requests);
        Assert.Equal(0, tokens.Issued);
        Assert.Contains($"resource label {label}", finding.AllNotes(), StringComparison.Ordinal);
        Assert.Contains("is not a valid Google Cloud name, so the cluster was not looked up", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectOutsideClusterProjects_NoGkeApiCallAndNoToken()
    {
        await using var services = Services(new() { [KubernetesOptions.ClusterProjectsVariable] = "acme-prod, acme-staging" });

        var finding = await EnrichAsync(services, new ClusterRef("attacker-project", "europe-west4", "bait-cluster"));

        Assert.Equal(0, gke.Requests);
        Assert.Equal(0, tokens.Issued);
        Assert.Contains("Project 'attacker-project' is not in CLUSTER_PROJECTS, so its clusters are not looked up.", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectInClusterProjects_IsLookedUp()
    {
        await using var services = Services(new() { [KubernetesOptions.ClusterProjectsVariable] = "acme-staging,acme-prod" });

        await EnrichAsync(services, OomTestHost.Cluster);

        Assert.Equal(1, gke.Requests);
    }

    [Theory]
    [InlineData("http://{0}")]
    [InlineData("{0}/api/v1/secrets?x=")]
    [InlineData("user@{0}")]
    [InlineData("localhost:{1}")]
    [InlineData("evil.example")]
    public async Task EndpointThatIsNotAClusterEndpoint_GetsNoRequestAndNoToken(string endpoint)
    {
        using var certificate = LoopbackCertificate.Create();
        await using var cluster = await FakeKubernetesApi.StartAsync(token: "gke-token-1");
        var named = string.Format(System.Globalization.CultureInfo.InvariantCulture, endpoint, cluster.BaseAddress.Authority, cluster.BaseAddress.Port);
        gke.AddCluster("acme-prod", "europe-west4", "shop-cluster", named, LoopbackCertificate.Pem(certificate));
        await using var services = Services();

        var finding = await EnrichAsync(services, OomTestHost.Cluster);

        Assert.Empty(cluster.Requests);
        Assert.Contains("which is not a cluster endpoint (an IP address or a *.gke.goog host): no request was sent to it", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FloodOfEntriesNamingUnknownClusters_OneCallPerClusterPerMinute()
    {
        await using var services = Services();
        var clusters = Enumerable.Range(0, 10).Select(i => new ClusterRef("acme-prod", "europe-west4", $"forged-{i}")).ToList();

        for (var round = 0; round < 5; round++)
        {
            foreach (var forged in clusters)
            {
                Assert.Contains("does not know cluster", (await EnrichAsync(services, forged)).AllNotes(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(10, gke.Requests);
        time.Advance(TimeSpan.FromSeconds(61));
        await EnrichAsync(services, clusters[0]);
        Assert.Equal(11, gke.Requests);
    }

    [Fact]
    public async Task FloodOfDistinctForgedClusters_CallsStopAtTheCapacityUntilFailuresExpire()
    {
        await using var services = Services(configure: o => o.FailedLookupCapacity = 3);

        var notes = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            notes.Add((await EnrichAsync(services, new ClusterRef("acme-prod", "europe-west4", $"forged-{i}"))).AllNotes());
        }

        Assert.Equal(3, gke.Requests);
        Assert.Contains("3 other cluster look-ups failed within 60 s", notes[^1], StringComparison.Ordinal);
        time.Advance(TimeSpan.FromSeconds(61));
        await EnrichAsync(services, new ClusterRef("acme-prod", "europe-west4", "forged-99"));
        Assert.Equal(4, gke.Requests);
    }

    [Fact]
    public void ClusterProjectsWithSomethingThatIsNotAProjectId_StopsTheStartNamingIt()
    {
        var error = Assert.Throws<OptionsValidationException>(() => OomTestHost.BuildServices(new() { [KubernetesOptions.ClusterProjectsVariable] = "acme-prod,Acme_Prod" }, time).Dispose());

        Assert.Contains("CLUSTER_PROJECTS holds 'Acme_Prod', which is not a Google Cloud project id", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme-prod", true)]
    [InlineData("a12345", true)]
    [InlineData("example.com:acme-prod", true)]
    [InlineData("acme", false)]
    [InlineData("1acme-prod", false)]
    [InlineData("acme-prod-", false)]
    [InlineData("Acme-prod", false)]
    [InlineData("acme_prod", false)]
    [InlineData("a234567890123456789012345678901", false)]
    public void ProjectIdRule(string value, bool valid) => Assert.Equal(valid, GoogleNames.IsProjectId(value));

    [Theory]
    [InlineData("europe-west4", true)]
    [InlineData("us-central1-a", true)]
    [InlineData("northamerica-northeast1", true)]
    [InlineData("us-central1-ab", false)]
    [InlineData("us", false)]
    [InlineData("us-central", false)]
    [InlineData("us-central1/", false)]
    public void LocationRule(string value, bool valid) => Assert.Equal(valid, GoogleNames.IsLocation(value));

    [Theory]
    [InlineData("shop-cluster", true)]
    [InlineData("a", true)]
    [InlineData("shop-", false)]
    [InlineData("1shop", false)]
    [InlineData("a2345678901234567890123456789012345678901", false)]
    public void ClusterNameRule(string value, bool valid) => Assert.Equal(valid, GoogleNames.IsClusterName(value));

    private ServiceProvider Services(Dictionary<string, string?>? settings = null, Action<KubernetesOptions>? configure = null)
    {
        var all = new Dictionary<string, string?> { ["K_SERVICE"] = "gke-event-notifier", [KubernetesOptions.GkeApiUrlVariable] = gke.BaseAddress.ToString() };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return OomTestHost.BuildServices(all, time, s =>
        {
            s.AddSingleton<IAccessTokenSource>(new RefreshingAccessTokenSource(tokens, time));
            s.PostConfigure<KubernetesOptions>(o => configure?.Invoke(o));
        });
    }

    private static async Task<Finding> EnrichAsync(ServiceProvider services, ClusterRef cluster) =>
        Assert.Single(await services.GetServices<IEventEnricher>().OfType<OomKillingEnricher>().Single().EnrichAsync(OomTestHost.Entry(Node, T, OomTestHost.KilledLine(812, "java"), cluster), CancellationToken.None));
}
