using System.Net;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Host;

/// <summary>Slack failures through the function: what Pub/Sub is told (status) and what operators are told (logs).</summary>
public sealed class SlackFailureTests : IAsyncLifetime
{
    private FakeSlackServer slack = null!;

    public async Task InitializeAsync() => slack = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync() => await slack.DisposeAsync();

    [Fact]
    public async Task RevokedToken_Answers503_AndLogsCriticalNamingTheSetting_WithoutTheToken()
    {
        slack.Default = _ => SlackReply.Error("token_revoked");
        using var function = Function(FakeSlackServerSettings.BotToken(slack));

        var response = await function.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(Samples.Entry("keep-evicted"), "7001")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var critical = Assert.Single(function.Logs.GetSnapshot(), r => r.Level == LogLevel.Critical);
        Assert.Contains("Message 7001 kept for retry: Slack refused setting SLACK_BOT_TOKEN ('token_revoked')", critical.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(function.Logs.GetSnapshot(), r => r.Message.Contains("xoxb-test-token-123", StringComparison.Ordinal));
        Assert.Single(slack.Requests);
    }

    [Fact]
    public async Task SlackDown_Answers503_SoPubSubRedelivers()
    {
        slack.Default = _ => SlackReply.ServerError(503);
        using var function = Function(FakeSlackServerSettings.BotToken(slack, timeoutSeconds: 3));

        var response = await function.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(Samples.Entry("keep-evicted"), "7002")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(function.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.StartsWith("Message 7002 kept for retry:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlackThatPostsButAnswersAfterTheAttemptTimeout_GetsExactlyOnePostPerAlert()
    {
        // The production figures scaled down: an attempt is cut at 10 s and this Slack answers after 11 s.
        slack.Latency = request => request.Path == "/api/chat.postMessage" ? TimeSpan.FromSeconds(1.1) : TimeSpan.Zero;
        using var function = FunctionFactory.WithSlack(FakeSlackServerSettings.BotToken(slack, timeoutSeconds: 10), services => services.Configure<SlackOptions>(o =>
        {
            o.BaseRetryDelay = TimeSpan.FromMilliseconds(20);
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
        }));
        var client = function.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var (pod, id) in new[] { ("checkout-api-6d8f7b9c5d-qz4lp", "7201"), ("cart-5c7d9b8f6c-bbcdx", "7202"), ("search-7b9c5d6d8f-kx2lp", "7203") })
        {
            var entry = Samples.EntryNode("keep-evicted");
            entry["jsonPayload"]!["involvedObject"]!["name"] = pod;
            entry["jsonPayload"]!["metadata"]!["uid"] = Guid.NewGuid().ToString();
            statuses.Add((await client.SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(entry.ToJsonString(), id)))).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(3, slack.Calls("chat.postMessage").Count);
        Assert.Equal(3, slack.ChannelMessages.Count);
    }

    [Fact]
    public async Task SlackThatAnswersLate_GetsOnePostPerMessage_ForThreadRepliesAndPlainTextFallbacksToo()
    {
        // Three evictions of one Deployment: the first is posted, the others reply in its thread. The third one's blocks
        // are refused at once, so it goes again as plain text. Every post lands, but its answer comes after the attempt
        // timeout, so each is sent a second time unless the function first finds it in the channel or the thread.
        static bool Refused(RecordedRequest request) => request.HasBlocks && request.Text.Contains(TestEntries.CheckoutPod(2), StringComparison.Ordinal);
        slack.Latency = request => request.Path == "/api/chat.postMessage" && !Refused(request) ? TimeSpan.FromSeconds(1.1) : TimeSpan.Zero;
        slack.Default = request => Refused(request) ? SlackReply.Error("invalid_blocks") : null;
        using var function = FunctionFactory.WithSlack(FakeSlackServerSettings.BotToken(slack, timeoutSeconds: 10), services => services.Configure<SlackOptions>(o =>
        {
            o.BaseRetryDelay = TimeSpan.FromMilliseconds(20);
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
        }));
        var client = function.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var entry = TestEntries.Evicted(TestEntries.CheckoutPod(i)).ToJsonString();
            statuses.Add((await client.SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(entry, $"730{i}")))).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var parent = Assert.Single(slack.ChannelMessages);
        Assert.Equal(2, slack.ThreadReplies.Count);
        Assert.All(slack.ThreadReplies, reply => Assert.Equal(parent.Ts, reply.ThreadTs));
        Assert.Contains(slack.ThreadReplies, reply => reply.Metadata?.GetProperty("event_type").GetString() == SlackMetadata.PostEventType);
        Assert.NotEmpty(slack.Calls("conversations.replies"));
        Assert.Contains(function.Logs.GetSnapshot(), r => r.Message.StartsWith("Slack had posted the message although its answer did not arrive in time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebhookSetting_PostsThroughTheWebhook_AndNeverLogsItsUrl()
    {
        using var function = Function(FakeSlackServerSettings.Webhook(slack));

        var response = await function.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(Samples.Entry("keep-oomkilling"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/services/T0FAKE/B0FAKE/fake-webhook-secret", Assert.Single(slack.Requests).Path);
        Assert.DoesNotContain(function.Logs.GetSnapshot(), r => r.Message.Contains("fake-webhook-secret", StringComparison.Ordinal));
    }

    private static FunctionFactory Function(FakeSlackServerSettings settings) => FunctionFactory.WithFastRetryingSlack(settings);
}
