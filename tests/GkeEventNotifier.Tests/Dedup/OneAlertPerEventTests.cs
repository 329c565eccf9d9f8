using System.Net;
using System.Text.Json.Nodes;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Host;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Tests.Dedup;

/// <summary>Pub/Sub redelivers and GKE writes a LogEntry per event update: through the function, one alert per event, repeats counted on it.</summary>
public sealed class OneAlertPerEventTests : IAsyncLifetime
{
    private FakeSlackServer slack = null!;
    private FunctionFactory function = null!;

    public async Task InitializeAsync()
    {
        slack = await FakeSlackServer.StartAsync();
        function = FunctionFactory.WithFastRetryingSlack(FakeSlackServerSettings.BotToken(slack, timeoutSeconds: 2));
    }

    public async Task DisposeAsync()
    {
        await function.DisposeAsync();
        await slack.DisposeAsync();
    }

    [Fact]
    public async Task RedeliveredMessage_PostsOneAlert()
    {
        var body = Samples.PushBody(Samples.Entry("keep-evicted"), "5001");

        Assert.Equal(HttpStatusCode.OK, await SendAsync(body));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(body));

        Assert.Single(slack.Requests, r => r.Path == "/api/chat.postMessage");
        Assert.DoesNotContain(slack.Requests, r => r.Path == "/api/chat.update");
    }

    [Fact]
    public async Task NewerEntryForTheSameEvent_UpdatesTheFirstAlertWithTheCount()
    {
        Assert.Equal(HttpStatusCode.OK, await SendAsync(Samples.PushBody(Samples.Entry("keep-evicted"), "5101")));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(Samples.PushBody(Later("keep-evicted", "2026-11-20T09:15:03Z"), "5102")));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(Samples.PushBody(Later("keep-evicted", "2026-11-20T09:16:03Z"), "5103")));

        var post = Assert.Single(slack.Requests, r => r.Path == "/api/chat.postMessage");
        var updates = slack.Requests.Where(r => r.Path == "/api/chat.update").ToList();
        Assert.Equal(2, updates.Count);
        Assert.Contains("checkout-api-6d8f7b9c5d-qz4lp (seen 3 times)", updates[^1].Text, StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.000001$", updates[^1].Json!.Value.GetProperty("ts").GetString()!); // the fake numbers its messages: 000001 is the first post
        Assert.DoesNotContain("(seen", post.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CombinedFromSimilarEvents_IsARepeatOfTheAlertedEvent()
    {
        var combined = Samples.EntryNode("keep-evicted");
        var payload = combined["jsonPayload"]!;
        payload["message"] = "(combined from similar events): " + payload["message"]!.GetValue<string>();
        payload["metadata"]!["uid"] = "0c5e7f0e-9a51-4b7e-8f2e-combined0001";
        combined["insertId"] = "combined-insert-1";

        Assert.Equal(HttpStatusCode.OK, await SendAsync(Samples.PushBody(Samples.Entry("keep-evicted"), "5201")));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(Samples.PushBody(combined.ToJsonString(), "5202")));

        Assert.Single(slack.Requests, r => r.Path == "/api/chat.postMessage");
        Assert.Contains("(seen 2 times)", Assert.Single(slack.Requests, r => r.Path == "/api/chat.update").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OomKillsOfTwoProcessesOnOneNode_BothReachSlack_AndACombinedCopyOfTheFirstIsARepeat()
    {
        const string java = "Memory cgroup out of memory: Killed process 48213 (java) total-vm:2318844kB, anon-rss:1046972kB";
        const string postgres = "Memory cgroup out of memory: Killed process 51007 (postgres) total-vm:918844kB, anon-rss:546972kB";

        Assert.Equal(HttpStatusCode.OK, await SendAsync(Samples.PushBody(OomKill(java, "uid-java"), "5401")));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(Samples.PushBody(OomKill(EventKeysPrefix + postgres, "uid-combined-1"), "5402")));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(Samples.PushBody(OomKill(EventKeysPrefix + java, "uid-combined-2"), "5403")));

        var posts = slack.Requests.Where(r => r.Path == "/api/chat.postMessage").ToList();
        Assert.Equal(2, posts.Count);
        Assert.Contains("java", posts[0].Text, StringComparison.Ordinal);
        Assert.Contains("postgres", posts[1].Text, StringComparison.Ordinal);
        Assert.Contains(function.Logs.GetSnapshot(), r => r.Message.StartsWith("Message 5403 acknowledged (Duplicate)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageWhoseAlertFailed_AlertsWhenRedelivered()
    {
        var body = Samples.PushBody(Samples.Entry("keep-oomkilling"), "5301");
        slack.Default = _ => SlackReply.ServerError(503);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendAsync(body));

        slack.Recover();
        Assert.Equal(HttpStatusCode.OK, await SendAsync(body));

        Assert.Contains(function.Logs.GetSnapshot(), r => r.Message.StartsWith("Message 5301 alerted:", StringComparison.Ordinal));
    }

    private async Task<HttpStatusCode> SendAsync(string body) =>
        (await function.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(body))).StatusCode;

    private const string EventKeysPrefix = "(combined from similar events): ";

    /// <summary>An OOMKilling on the sample's node with its own event uid and kernel message.</summary>
    private static string OomKill(string message, string uid)
    {
        var node = Samples.EntryNode("keep-oomkilling");
        node["jsonPayload"]!["message"] = message;
        node["jsonPayload"]!["metadata"]!["uid"] = uid;
        node["insertId"] = "insert-" + uid;
        return node.ToJsonString();
    }

    /// <summary>The same Kubernetes event (same metadata.uid) as GKE writes it again on an update: new insertId, newer timestamps.</summary>
    private static string Later(string sample, string timestamp)
    {
        var node = Samples.EntryNode(sample);
        node["timestamp"] = timestamp;
        node["insertId"] = "update-" + timestamp;
        node["jsonPayload"]!["lastTimestamp"] = timestamp;
        return node.ToJsonString();
    }
}
