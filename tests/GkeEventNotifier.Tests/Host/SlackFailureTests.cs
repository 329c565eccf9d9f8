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
    public async Task WebhookSetting_PostsThroughTheWebhook_AndNeverLogsItsUrl()
    {
        using var function = Function(FakeSlackServerSettings.Webhook(slack));

        var response = await function.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(Samples.Entry("keep-oomkilling"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/services/T0FAKE/B0FAKE/fake-webhook-secret", Assert.Single(slack.Requests).Path);
        Assert.DoesNotContain(function.Logs.GetSnapshot(), r => r.Message.Contains("fake-webhook-secret", StringComparison.Ordinal));
    }

    private static FunctionFactory Function(FakeSlackServerSettings settings) =>
        FunctionFactory.WithSlack(settings, services => services.Configure<SlackOptions>(o => o.BaseRetryDelay = TimeSpan.FromMilliseconds(20)));
}
