using System.Net;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Tests.Fakes;
using k8s.Models;

namespace GkeEventNotifier.Tests.Host;

/// <summary>An OOMKilling LogEntry through the real function host: Pub/Sub push in, Slack message out, pod looked up on the way.</summary>
public sealed class OomKillingEndToEndTests
{
    private const string Node = "gke-shop-eu1-highmem-pool-0b8e44d1-m9zt";

    [Fact]
    public async Task OomKillingEvent_SlackMessageNamesThePodAndContainer()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        await using var cluster = await FakeKubernetesApi.StartAsync();
        cluster.AddPod(new PodBuilder("ml", "feature-builder-5b7f9d-8kq2w", Node).OwnedBy("ReplicaSet", "feature-builder-5b7f9d")
            .RestartedAfterOom("builder", new string('3', 64), new string('4', 64), DateTimeOffset.Parse("2026-11-20T13:03:28Z"), restarts: 2, limit: "1Gi", request: "768Mi")
            .Running("metrics-sidecar", new string('5', 64)).Build());
        cluster.AddPod(new PodBuilder("ml", "feature-api-0", "gke-shop-eu1-highmem-pool-0b8e44d1-aaaa")
            .DeadOfOom("api", new string('6', 64), DateTimeOffset.Parse("2026-11-20T13:03:27Z")).Build());
        cluster.AddReplicaSet(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta
            {
                Name = "feature-builder-5b7f9d",
                NamespaceProperty = "ml",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "feature-builder", Uid = "3f1d2c4b-5a69-4788-9a0b-1c2d3e4f5a6b", Controller = true }],
            },
        });
        var directory = Directory.CreateTempSubdirectory("oom-e2e-");
        try
        {
            var settings = new Dictionary<string, string?>(FakeSlackServerSettings.BotToken(slack).Settings)
            {
                [KubernetesOptions.KubeconfigVariable] = cluster.WriteKubeconfig(directory.FullName),
                [KubernetesOptions.TimeoutVariable] = "60",
            };
            await using var factory = new FunctionFactory(settings);

            var response = await factory.CreateClient().SendAsync(HttpRequests.Post("/", Samples.PushBody(Samples.Entry("keep-oomkilling")), "application/json"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = Assert.Single(slack.Calls("chat.postMessage")).Body;
            Assert.Contains("ml/feature-builder-5b7f9d-8kq2w", body, StringComparison.Ordinal);
            Assert.Contains("*Container*\\nbuilder", body, StringComparison.Ordinal);
            Assert.Contains("*Owner*\\nDeployment feature-builder", body, StringComparison.Ordinal);
            Assert.DoesNotContain("feature-api-0", body, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
