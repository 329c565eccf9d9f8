using System.Net;
using System.Text.Json.Nodes;
using GkeEventNotifier.Adapters.Kubernetes;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Tests.Host;

/// <summary>
/// One function serving two clusters: each OOMKilling event is resolved against the cluster its LogEntry names, both
/// through a kubeconfig with one context per cluster and through the GKE API. Both clusters have a node of the same
/// name with a pod killed for memory on it, so an event looked up in the wrong cluster would name the wrong pod.
/// </summary>
public sealed class TwoClustersOneFunctionTests
{
    private const string Node = "gke-pool-1-5c7d9e1f-w2x3";
    private static readonly DateTimeOffset KilledAt = DateTimeOffset.Parse("2026-11-20T13:03:28Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly (string Project, string Location, string Cluster) Shop = ("acme-shop-prod", "europe-west1", "shop-eu1");
    private static readonly (string Project, string Location, string Cluster) Data = ("acme-data-prod", "us-central1", "etl-us1");

    [Fact]
    public async Task KubeconfigWithAContextPerCluster_EachOomNamesThePodOfItsOwnCluster()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        await using var shop = await ClusterAsync("shop-cluster-token", "shop", "checkout-7d9f-abcde", "checkout");
        await using var data = await ClusterAsync("data-cluster-token", "etl", "nightly-load-0", "loader");
        var directory = Directory.CreateTempSubdirectory("two-clusters-");
        try
        {
            var kubeconfig = Path.Combine(directory.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, Kubeconfig((Shop, shop), (Data, data)));
            var settings = new Dictionary<string, string?>(FakeSlackServerSettings.BotToken(slack).Settings)
            {
                [KubernetesOptions.KubeconfigVariable] = kubeconfig,
            };
            await using var function = new FunctionFactory(settings);

            await SendBothAsync(function);

            AssertEachAlertNamesItsOwnPod(slack, shop, data);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TwoClustersThroughTheGkeApi_EachOomNamesThePodOfItsOwnCluster()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        using var certificate = LoopbackCertificate.Create();
        await using var shop = await ClusterAsync("gke-token-1", "shop", "checkout-7d9f-abcde", "checkout", certificate);
        await using var data = await ClusterAsync("gke-token-1", "etl", "nightly-load-0", "loader", certificate);
        await using var gke = await FakeGkeApi.StartAsync(token: "gke-token-1");
        gke.AddCluster(Shop.Project, Shop.Location, Shop.Cluster, shop.BaseAddress.Authority, LoopbackCertificate.Pem(certificate));
        gke.AddCluster(Data.Project, Data.Location, Data.Cluster, data.BaseAddress.Authority, LoopbackCertificate.Pem(certificate));
        var settings = new Dictionary<string, string?>(FakeSlackServerSettings.BotToken(slack).Settings)
        {
            ["K_SERVICE"] = "gke-event-notifier",
            [KubernetesOptions.GkeApiUrlVariable] = gke.BaseAddress.ToString(),
        };
        var tokens = new RefreshingAccessTokenSource(new FakeAccessTokenSource(TimeProvider.System), TimeProvider.System);
        await using var function = new FunctionFactory(settings, s => s.AddSingleton<IAccessTokenSource>(tokens));

        await SendBothAsync(function);

        AssertEachAlertNamesItsOwnPod(slack, shop, data);
        Assert.Equal(2, gke.Requests);
    }

    private static async Task SendBothAsync(FunctionFactory function)
    {
        var client = function.CreateClient();
        var shopResponse = await client.SendAsync(HttpRequests.Post("/", Samples.PushBody(OomEntry(Shop, 48213, "checkout"), "5001"), "application/json"));
        var dataResponse = await client.SendAsync(HttpRequests.Post("/", Samples.PushBody(OomEntry(Data, 7310, "loader"), "5002"), "application/json"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (shopResponse.StatusCode, dataResponse.StatusCode));
    }

    private static void AssertEachAlertNamesItsOwnPod(FakeSlackServer slack, FakeKubernetesApi shop, FakeKubernetesApi data)
    {
        var bodies = slack.Calls("chat.postMessage").Select(c => c.Body).ToList();
        Assert.Equal(2, bodies.Count);
        var shopAlert = Assert.Single(bodies, b => b.Contains("48213", StringComparison.Ordinal));
        var dataAlert = Assert.Single(bodies, b => b.Contains("7310", StringComparison.Ordinal));
        Assert.Contains("shop/checkout-7d9f-abcde", shopAlert, StringComparison.Ordinal);
        Assert.DoesNotContain("nightly-load-0", shopAlert, StringComparison.Ordinal);
        Assert.Contains("etl/nightly-load-0", dataAlert, StringComparison.Ordinal);
        Assert.DoesNotContain("checkout-7d9f-abcde", dataAlert, StringComparison.Ordinal);
        Assert.Equal(1, shop.PodListCalls);
        Assert.Equal(1, data.PodListCalls);
    }

    private static async Task<FakeKubernetesApi> ClusterAsync(
        string token, string @namespace, string pod, string container, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var cluster = await FakeKubernetesApi.StartAsync(token, certificate);
        cluster.AddPod(new PodBuilder(@namespace, pod, Node).OwnedBy("StatefulSet", pod[..pod.LastIndexOf('-')])
            .DeadOfOom(container, new string(container[0], 64), KilledAt).Build());
        return cluster;
    }

    /// <summary>The keep-oomkilling sample, moved to another cluster and process.</summary>
    private static string OomEntry((string Project, string Location, string Cluster) cluster, int pid, string process)
    {
        var entry = Samples.EntryNode("keep-oomkilling");
        entry["insertId"] = $"oom-{cluster.Cluster}-{pid}";
        entry["logName"] = $"projects/{cluster.Project}/logs/events";
        var labels = entry["resource"]!["labels"]!.AsObject();
        (labels["project_id"], labels["location"], labels["cluster_name"], labels["node_name"]) = (cluster.Project, cluster.Location, cluster.Cluster, Node);
        var payload = entry["jsonPayload"]!.AsObject();
        payload["message"] = $"Memory cgroup out of memory: Killed process {pid} ({process}) total-vm:912344kB, anon-rss:523904kB, file-rss:10240kB, shmem-rss:0kB, UID:1000 pgtables:1012kB oom_score_adj:985";
        payload["involvedObject"] = new JsonObject { ["kind"] = "Node", ["name"] = Node, ["uid"] = Node };
        payload["source"] = new JsonObject { ["component"] = "kernel-monitor", ["host"] = Node };
        payload["metadata"]!["uid"] = Guid.NewGuid().ToString();
        payload["lastTimestamp"] = KilledAt.AddSeconds(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        entry["timestamp"] = payload["lastTimestamp"]!.GetValue<string>();
        return entry.ToJsonString();
    }

    /// <summary>One kubeconfig, a context per cluster named as gcloud names them; the current context is the first.</summary>
    private static string Kubeconfig(params ((string Project, string Location, string Cluster) Ref, FakeKubernetesApi Api)[] clusters)
    {
        var names = clusters.Select(c => $"gke_{c.Ref.Project}_{c.Ref.Location}_{c.Ref.Cluster}").ToList();
        var entries = clusters.Zip(names, (c, name) => (c.Api, name)).ToList();
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            {string.Join('\n', entries.Select(e => $"- name: {e.name}\n  cluster:\n    server: {e.Api.BaseAddress.GetLeftPart(UriPartial.Authority)}"))}
            users:
            {string.Join('\n', entries.Select(e => $"- name: {e.name}\n  user:\n    token: {e.Api.Token}"))}
            contexts:
            {string.Join('\n', entries.Select(e => $"- name: {e.name}\n  context:\n    cluster: {e.name}\n    user: {e.name}"))}
            current-context: {names[0]}
            """;
    }
}
