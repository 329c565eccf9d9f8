using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Tests.Fakes;

namespace GkeEventNotifier.Tests.Slack;

/// <summary>Incoming webhooks: plain-text answers, the webhook's own error strings, and no secret in any message.</summary>
public sealed class SlackWebhookClientTests : IAsyncLifetime
{
    private FakeSlackServer slack = null!;

    public async Task InitializeAsync() => slack = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync() => await slack.DisposeAsync();

    [Fact]
    public async Task Post_SendsTheMessageToTheWebhook_WithoutChannelOrToken()
    {
        await using var services = SlackTestServices.Webhook(slack);

        await services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None);

        var request = Assert.Single(slack.Requests);
        Assert.Equal("/services/T0FAKE/B0FAKE/fake-webhook-secret", request.Path);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.False(request.Json!.Value.TryGetProperty("channel", out _));
        Assert.True(request.HasBlocks);
    }

    [Theory]
    [InlineData(404, "channel_not_found")]
    [InlineData(410, "channel_is_archived")]
    [InlineData(403, "action_prohibited")]
    [InlineData(404, "no_service")]
    public async Task WebhookRefused_IsNeverRetried_AndNamesTheSettingButNotTheUrl(int status, string error)
    {
        slack.Then(new SlackReply(status, error));
        await using var services = SlackTestServices.Webhook(slack);

        var exception = await Assert.ThrowsAsync<SlackConfigurationException>(() => services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None));

        Assert.Single(slack.Requests);
        Assert.Equal("SLACK_WEBHOOK_URL", exception.Setting);
        Assert.DoesNotContain("fake-webhook-secret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookRateLimited_IsRetried()
    {
        slack.Then(new SlackReply(429, "rate_limited", RetryAfterSeconds: 1));
        await using var services = SlackTestServices.Webhook(slack);

        await services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None);

        Assert.Equal(2, slack.Requests.Count);
    }

    [Fact]
    public async Task WebhookInvalidPayload_FallsBackToPlainText()
    {
        slack.ThenWhen(request => request.HasBlocks ? new SlackReply(400, "invalid_payload") : SlackReply.WebhookOk);
        await using var services = SlackTestServices.Webhook(slack);

        await services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None);

        Assert.Equal(2, slack.Requests.Count);
        Assert.False(slack.Requests[1].HasBlocks);
    }
}
