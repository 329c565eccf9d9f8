using GkeEventNotifier.Model;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Threads;

namespace GkeEventNotifier.Tests.Jobs;

/// <summary>A CronJob failing five times and recovering, against a fake Slack and a fake Kubernetes API, with a cold start in between.</summary>
public sealed class CronJobRecoveryTests : FakeSlackAndClusterOnFakeClock
{
    [Fact]
    public async Task FiveFailedRunsThenASuccess_OneThreadCountingFailures_ThenRecoveredAndResolved()
    {
        var start = Time.GetUtcNow();
        await using (var before = Function())
        {
            await FailAsync(before, run: 0);
            await FailAsync(before, run: 1);
        }

        await using var after = Function();
        await FailAsync(after, run: 2, "DeadlineExceeded");
        await FailAsync(after, run: 3);
        await FailAsync(after, run: 4);
        Cluster.AddJob(TestEntries.CronJobRun(5, start + TimeSpan.FromHours(5), TimeSpan.FromMinutes(10), succeeded: true));
        Time.SetUtcNow(start + TimeSpan.FromMinutes(310));

        var outcome = await after.SendAsync(TestEntries.CronJobSawCompleted(5));

        Assert.Equal(OutcomeKind.Alerted, outcome.Kind);
        var first = Assert.Single(Slack.ChannelMessages);
        var posts = Slack.Calls("chat.postMessage").Select(r => r.Json!.Value).ToList();
        Assert.Equal(6, posts.Count);
        Assert.Contains("1 failed run · ", posts[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.All(posts.Skip(1), reply => Assert.Equal(first.Ts, reply.GetProperty("thread_ts").GetString()));
        Assert.StartsWith("2 consecutive failed runs · ", posts[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("5 consecutive failed runs · ", posts[4].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ":white_check_mark: CronJob billing/invoice-export in cluster shop-eu1 recovered after 5 h 10 min, 5 failed runs (Job `invoice-export-29376840` succeeded)",
            posts[5].GetProperty("text").GetString());
        var resolved = Slack.Calls("chat.update")[^1].Json!.Value;
        Assert.Equal(first.Ts, resolved.GetProperty("ts").GetString());
        Assert.StartsWith(":white_check_mark: Resolved: CronJob billing/invoice-export in cluster shop-eu1 recovered after 5 h 10 min", resolved.GetProperty("text").GetString(), StringComparison.Ordinal);
        var resolvedBlocks = string.Join("\n", RecordedRequest.Strings(resolved.GetProperty("attachments")));
        Assert.Contains("Cluster `shop-eu1 (europe-west1, acme-shop-prod)` · namespace `billing` · first failure", resolvedBlocks, StringComparison.Ordinal);
        var run = new Uri(resolved.GetProperty("attachments")[0].GetProperty("blocks").EnumerateArray().Last().GetProperty("elements")[0].GetProperty("url").GetString()!);
        Assert.StartsWith("https://console.cloud.google.com/logs/query;query=", run.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("jsonPayload.involvedObject.name:\"invoice-export-29376840\"", Uri.UnescapeDataString(run.AbsoluteUri), StringComparison.Ordinal);
        Assert.Contains("jsonPayload.involvedObject.namespace=\"billing\"", Uri.UnescapeDataString(run.AbsoluteUri), StringComparison.Ordinal);
        Assert.EndsWith("?project=acme-shop-prod", run.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("true", first.Metadata!.Value.GetProperty("event_payload").GetProperty("resolved").GetString());
        Assert.Contains(Cluster.Requests, r => r.StartsWith("/apis/batch/v1/namespaces/billing/jobs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailureAfterARecovery_OpensANewThread()
    {
        var start = Time.GetUtcNow();
        await using var function = Function();
        await FailAsync(function, run: 0);
        Cluster.AddJob(TestEntries.CronJobRun(1, start + TimeSpan.FromHours(1), TimeSpan.FromMinutes(2), succeeded: true));
        Time.SetUtcNow(start + TimeSpan.FromMinutes(62));
        await function.SendAsync(TestEntries.CronJobSawCompleted(1));

        Time.SetUtcNow(start + TimeSpan.FromHours(2));
        Cluster.AddJob(TestEntries.CronJobRun(2, start + TimeSpan.FromHours(2), TimeSpan.Zero, succeeded: false));
        await function.SendAsync(TestEntries.JobFailed(2));

        Assert.Equal(2, Slack.ChannelMessages.Count);
        Assert.Contains("1 failed run · ", Slack.Calls("chat.postMessage")[^1].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuccessWithoutEarlierFailure_PostsNothing()
    {
        Cluster.AddJob(TestEntries.CronJobRun(0, Time.GetUtcNow(), TimeSpan.FromMinutes(1), succeeded: true));
        await using var function = Function();

        var outcome = await function.SendAsync(TestEntries.CronJobSawCompleted(0));

        Assert.Equal(OutcomeKind.NoAlert, outcome.Kind);
        Assert.Empty(Slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task ClusterKeepsMoreFailedRunsThanTheChannelShows_TheFirstAlertCountsThemAll()
    {
        var start = Time.GetUtcNow();
        for (var run = 0; run < 3; run++)
        {
            Cluster.AddJob(TestEntries.CronJobRun(run, start + TimeSpan.FromHours(run), TimeSpan.FromMinutes(1), succeeded: false));
        }

        Time.SetUtcNow(start + TimeSpan.FromHours(2));
        await using var function = Function();
        await function.SendAsync(TestEntries.JobFailed(2));

        Assert.Contains("3 consecutive failed runs · ", Slack.Calls("chat.postMessage")[^1].Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private async Task FailAsync(PipelineHarness function, int run, string reason = "BackoffLimitExceeded")
    {
        var started = PipelineHarness.Start + TimeSpan.FromHours(run);
        Cluster.AddJob(TestEntries.CronJobRun(run, started, TimeSpan.FromMinutes(1), succeeded: false));
        Time.SetUtcNow(started + TimeSpan.FromMinutes(1));
        await function.SendAsync(TestEntries.JobFailed(run, reason));
    }
}
