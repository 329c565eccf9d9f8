using System.Text.Json.Nodes;
using GkeEventNotifier.Model;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Jobs;
using GkeEventNotifier.Tests.Oom;

namespace GkeEventNotifier.Tests.Security;

/// <summary>
/// Names from event text never steer a Kubernetes request: a forged namespace, CronJob, node or owner name makes no
/// request at all (the strict fake API would fail the test on any request outside the documented set), and the alert
/// still goes out saying the name was not valid.
/// </summary>
public sealed class KubernetesNameTests : FakeSlackAndClusterOnFakeClock
{
    private const string Node = "gke-shop-cluster-pool-1-5d2c8a1e-q7lm";

    public static TheoryData<string> ForgedNamespaces => new()
    {
        "../../../../api/v1/pods?limit=1000000&x=",
        "..",
        "%2e%2e",
        "",
        "Billing",
        "billing/jobs/x",
        "billing\u202Eevil",
        new string('a', 64),
    };

    public static TheoryData<string> ForgedNodes => new()
    {
        "../../../api/v1/secrets",
        "node&limit=1000000",
        "node,spec.nodeName!=x",
        "%2e%2e",
        "Gke-Node",
        "node..a",
        "-node",
    };

    [Theory]
    [MemberData(nameof(ForgedNamespaces))]
    public async Task CronJobFailureWithForgedNamespace_NoRequest_AlertSaysTheNameIsNotValid(string forged)
    {
        await using var function = Function();

        await function.SendAsync(WithNamespace(TestEntries.JobFailed(0), forged));

        Assert.Empty(Cluster.Requests);
        var post = Assert.Single(Slack.Calls("chat.postMessage"));
        Assert.Contains("is not a valid Kubernetes name (DNS-1123 label), so nothing was looked up in the cluster", post.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ForgedNamespaces))]
    public async Task SawCompletedJobWithForgedNamespace_NoRequest(string forged)
    {
        await using var function = Function();

        var outcome = await function.SendAsync(WithNamespace(TestEntries.CronJobSawCompleted(0), forged));

        Assert.Equal(OutcomeKind.Filtered, outcome.Kind);
        Assert.Empty(Cluster.Requests);
        Assert.Empty(Slack.Calls("chat.postMessage"));
    }

    [Theory]
    [InlineData("../../api/v1/pods?x=")]
    [InlineData("invoice-export/../../../pods")]
    [InlineData("Invoice-Export")]
    public async Task SawCompletedJobOfForgedCronJobName_NoRequest(string forged)
    {
        await using var function = Function();
        var entry = TestEntries.CronJobSawCompleted(0);
        entry["jsonPayload"]!["involvedObject"]!["name"] = forged;

        var outcome = await function.SendAsync(entry);

        Assert.Equal(OutcomeKind.Filtered, outcome.Kind);
        Assert.Contains("not a valid Kubernetes name", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(Cluster.Requests);
    }

    [Theory]
    [MemberData(nameof(ForgedNodes))]
    public async Task OomKillingOnForgedNodeName_NoPodList_AlertSaysTheNameIsNotValid(string forged)
    {
        await using var host = await OomTestHost.StartAsync();

        var finding = Assert.Single(await host.EnrichAsync(forged, OomTestHost.Start, OomTestHost.KilledLine(4249, "python")));

        Assert.Empty(host.Api.Requests);
        Assert.Equal("python (pid 4249)", finding.Field("Process"));
        Assert.Contains("is not a valid Kubernetes name (DNS-1123 subdomain), so nothing was looked up in the cluster", finding.AllNotes(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop", "../../../../api/v1/secrets")]
    [InlineData("shop", "checkout-6d8f9c7b5?watch=1")]
    [InlineData("../kube-system", "checkout-6d8f9c7b5")]
    public async Task PodWhoseOwnerOrNamespaceIsNotAValidName_OwnerIsNotRead_AlertSaysWhy(string podNamespace, string owner)
    {
        await using var host = await OomTestHost.StartAsync();
        host.Api.AddPod(new PodBuilder(podNamespace, "checkout-6d8f9c7b5-x2p4q", Node).OwnedBy("ReplicaSet", owner)
            .DeadOfOom("api", new string('a', 64), OomTestHost.Start.AddSeconds(1)).Build());

        var finding = Assert.Single(await host.EnrichAsync(Node, OomTestHost.Start, OomTestHost.KilledLine(4249, "python")));

        Assert.Equal($"ReplicaSet {owner}", finding.Field("Owner"));
        Assert.Contains("is not a valid Kubernetes name", finding.AllNotes(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Api.Requests, r => r.StartsWith("/apis/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("billing", true)]
    [InlineData("a", true)]
    [InlineData("kube-system", true)]
    [InlineData("0abc-9", true)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a.b", false)]
    [InlineData("A", false)]
    [InlineData("a_b", false)]
    [InlineData("ａ", false)]
    public void NamespaceRule_IsTheDns1123Label(string name, bool valid) => Assert.Equal(valid, KubernetesNames.IsLabel(name));

    [Theory]
    [InlineData("gke-shop-pool-1-5d2c8a1e-q7lm", true)]
    [InlineData("node.example.internal", true)]
    [InlineData("a.b.c", true)]
    [InlineData("a..b", false)]
    [InlineData(".a", false)]
    [InlineData("a.", false)]
    [InlineData("a.-b", false)]
    [InlineData("a/b", false)]
    [InlineData("a%2eb", false)]
    public void ObjectNameRule_IsTheDns1123Subdomain(string name, bool valid) => Assert.Equal(valid, KubernetesNames.IsSubdomain(name));

    [Fact]
    public void NameLengthLimits_LabelsSixtyThreeAndSubdomainsTwoHundredFiftyThree()
    {
        var label = new string('a', 63);
        Assert.True(KubernetesNames.IsLabel(label));
        Assert.False(KubernetesNames.IsLabel(label + "a"));
        var subdomain = string.Join('.', label, label, label, new string('b', 61));
        Assert.Equal(253, subdomain.Length);
        Assert.True(KubernetesNames.IsSubdomain(subdomain));
        Assert.False(KubernetesNames.IsSubdomain(subdomain + "b"));
    }

    private static JsonObject WithNamespace(JsonObject entry, string ns)
    {
        entry["jsonPayload"]!["involvedObject"]!["namespace"] = ns;
        entry["jsonPayload"]!["metadata"]!["namespace"] = ns;
        return entry;
    }
}
