using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Threads;

namespace GkeEventNotifier.Tests.Jobs;

/// <summary>A Job that gave up names its CronJob and its failed pods; a pod's alert names its workload: what Slack receives.</summary>
public sealed class JobFailureAlertTests : FakeSlackAndClusterOnFakeClock
{
    [Fact]
    public async Task FailedRunOfACronJob_NamesTheCronJobFromItsOwnerReference_AndTheFailedPods()
    {
        Cluster.AddJob(TestEntries.CronJobRun(0, Time.GetUtcNow(), TimeSpan.FromMinutes(3), succeeded: false));
        var job = TestEntries.JobName(0);
        Cluster.AddPod(new PodBuilder(TestEntries.CronJobNamespace, $"{job}-8d7fq", "gke-shop-eu1-pool-1").OwnedBy("Job", job).FailedWith("export", new string('a', 64), exitCode: 1).Build());
        Cluster.AddPod(new PodBuilder(TestEntries.CronJobNamespace, $"{job}-q2x9z", "gke-shop-eu1-pool-1").OwnedBy("Job", job).FailedWith("export", new string('b', 64), exitCode: 137, reason: "OOMKilled").Build());
        Cluster.AddPod(new PodBuilder(TestEntries.CronJobNamespace, "invoice-export-29376600-zzzzz", "gke-shop-eu1-pool-1").OwnedBy("Job", "invoice-export-29376600").FailedWith("export", new string('c', 64), exitCode: 2).Build());
        await using var function = Function();

        await function.SendAsync(TestEntries.JobFailed(0));

        var alert = Blocks(Slack.Calls("chat.postMessage")[0]);
        Assert.Contains("*Failed Job*", alert, StringComparison.Ordinal);
        Assert.Contains("*CronJob*\ninvoice-export\n", alert, StringComparison.Ordinal);
        Assert.Contains($"*Failed pods*\n{job}-8d7fq (export: exit 1, Error), {job}-q2x9z (export: exit 137, OOMKilled)\n", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("zzzzz", alert, StringComparison.Ordinal);
        Assert.Contains(Cluster.Requests, r => r.StartsWith($"/api/v1/namespaces/billing/pods?labelSelector=job-name%3D{job}&", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedRunWithoutClusterAccess_NamesTheCronJobFromTheRunsName_AndSaysWhyPodsAreMissing()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);

        await function.SendAsync(TestEntries.JobFailed(0));

        var alert = Blocks(Slack.Calls("chat.postMessage")[0]);
        Assert.Contains("*CronJob*\ninvoice-export (from the Job's name)\n", alert, StringComparison.Ordinal);
        Assert.Contains("No cluster access is configured, so the Job's pods were not read.", alert, StringComparison.Ordinal);
        Assert.Empty(Cluster.Requests);
    }

    [Fact]
    public async Task JobNameThatIsNoLabel_NeverBecomesALabelSelector_AndTheAlertSaysWhy()
    {
        var entry = TestEntries.JobFailed(0);
        entry["jsonPayload"]!["involvedObject"]!["name"] = "invoice-export.29376540";
        await using var function = Function();

        await function.SendAsync(entry);

        Assert.DoesNotContain(Cluster.Requests, r => r.Contains("labelSelector", StringComparison.Ordinal));
        Assert.Contains("The Job name 'invoice-export.29376540' is not a DNS-1123 label, so it cannot select the Job's pods", Blocks(Slack.Calls("chat.postMessage")[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PodAlert_ShowsTheDeploymentBehindThePodsReplicaSet()
    {
        const string Pod = "checkout-api-6d8f7b9c5d-qz4lp";
        Cluster.AddPod(new PodBuilder("shop", Pod, TestEntries.Node).OwnedBy("ReplicaSet", "checkout-api-6d8f7b9c5d").Running("api", new string('d', 64)).Build());
        Cluster.AddReplicaSet(new k8s.Models.V1ReplicaSet
        {
            Metadata = new k8s.Models.V1ObjectMeta
            {
                Name = "checkout-api-6d8f7b9c5d",
                NamespaceProperty = "shop",
                OwnerReferences = [new k8s.Models.V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "checkout-api", Uid = Guid.NewGuid().ToString(), Controller = true }],
            },
        });
        await using var function = Function();

        await function.SendAsync(TestEntries.Evicted(Pod));

        var alert = Blocks(Slack.Calls("chat.postMessage")[0]);
        Assert.Contains("*Workload*", alert, StringComparison.Ordinal);
        Assert.Contains("*Owner*\nDeployment checkout-api", alert, StringComparison.Ordinal);
        Assert.Contains(Cluster.Requests, r => r.StartsWith($"/api/v1/namespaces/shop/pods?fieldSelector=metadata.name%3D{Pod}&", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PodAlert_WhenTheOwnerCannotBeRead_SaysWhyAndStillAlerts()
    {
        Cluster.FailWith = System.Net.HttpStatusCode.InternalServerError;
        await using var function = Function();

        await function.SendAsync(TestEntries.Evicted());

        var alert = Blocks(Assert.Single(Slack.Calls("chat.postMessage")));
        Assert.Contains("*Owner*\nunknown (look-up failed)", alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PodAlertWithoutClusterAccess_HasNoWorkloadSection()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);

        await function.SendAsync(TestEntries.Evicted());

        Assert.DoesNotContain("*Workload*", Blocks(Assert.Single(Slack.Calls("chat.postMessage"))), StringComparison.Ordinal);
    }

    private static string Blocks(RecordedRequest request) =>
        string.Join("\n", RecordedRequest.Strings(request.Json!.Value.GetProperty("attachments"))) + "\n";
}
