using System.Diagnostics;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Tests.Fakes;

namespace GkeEventNotifier.Tests.Slack;

/// <summary>chat.postMessage against a real HTTP server: the exact request, and what happens on every kind of answer.</summary>
public sealed class SlackWebApiClientTests : IAsyncLifetime
{
    private FakeSlackServer slack = null!;

    public async Task InitializeAsync() => slack = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync() => await slack.DisposeAsync();

    [Fact]
    public async Task Post_SendsJsonUtf8WithBearerToken_ToChatPostMessage()
    {
        await using var services = SlackTestServices.BotToken(slack);

        var result = await services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None);

        var request = Assert.Single(slack.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/chat.postMessage", request.Path);
        Assert.Equal("Bearer xoxb-test-token-123", request.Headers["Authorization"]);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        var json = request.Json!.Value;
        Assert.Equal("C0ALERTS", json.GetProperty("channel").GetString());
        Assert.False(json.GetProperty("unfurl_links").GetBoolean());
        Assert.False(json.GetProperty("unfurl_media").GetBoolean());
        Assert.StartsWith(":red_circle: Evicted: Pod shop/checkout-api-6d8f7b9c5d-qz4lp in shop-eu1", json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb", request.Body, StringComparison.Ordinal);
        Assert.Equal("C0ALERTS", result.Channel);
        Assert.NotNull(result.Ts);
    }

    [Fact]
    public async Task Post_SendsEventTextEscaped_AndTruncated()
    {
        await using var services = SlackTestServices.BotToken(slack);
        var hostile = "<!channel> click <https://evil.example|here> & " + new string('z', 4000);

        await services.Notifier().NotifyAsync(TestAlerts.Message(hostile), CancellationToken.None);

        var json = Assert.Single(slack.Requests).Json!.Value;
        var text = json.GetProperty("text").GetString()!;
        var body = json.GetProperty("attachments")[0].GetProperty("blocks")[2].GetProperty("text").GetProperty("text").GetString()!;
        Assert.StartsWith("```&lt;!channel&gt; click &lt;https://evil.example|here&gt; &amp; zzz", body, StringComparison.Ordinal);
        Assert.EndsWith("… (truncated)```", body, StringComparison.Ordinal);
        Assert.True(body.Length <= 3000);
        Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_WaitsForRetryAfter_ThenSucceeds()
    {
        slack.Then(SlackReply.RateLimited(retryAfterSeconds: 1));
        await using var services = SlackTestServices.BotToken(slack);
        var clock = Stopwatch.StartNew();

        await services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None);

        Assert.Equal(2, slack.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}, before Retry-After");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task ServerError_IsRetried(int status)
    {
        slack.Then(SlackReply.ServerError(status), SlackReply.ServerError(status));
        await using var services = SlackTestServices.BotToken(slack);

        await services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None);

        Assert.Equal(3, slack.Requests.Count);
    }

    [Theory]
    [InlineData("internal_error")]
    [InlineData("fatal_error")]
    [InlineData("service_unavailable")]
    [InlineData("request_timeout")]
    public async Task TransientSlackError_IsRetried(string error)
    {
        slack.Then(SlackReply.Error(error));
        await using var services = SlackTestServices.BotToken(slack);

        await services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None);

        Assert.Equal(2, slack.Requests.Count);
    }

    [Theory]
    [InlineData("invalid_auth", "SLACK_BOT_TOKEN")]
    [InlineData("token_revoked", "SLACK_BOT_TOKEN")]
    [InlineData("account_inactive", "SLACK_BOT_TOKEN")]
    [InlineData("missing_scope", "SLACK_BOT_TOKEN")]
    [InlineData("channel_not_found", "SLACK_CHANNEL")]
    [InlineData("not_in_channel", "SLACK_CHANNEL")]
    [InlineData("is_archived", "SLACK_CHANNEL")]
    public async Task SettingRefused_IsNeverRetried_AndNamesTheSetting(string error, string setting)
    {
        slack.Then(SlackReply.Error(error));
        await using var services = SlackTestServices.BotToken(slack);

        var exception = await Assert.ThrowsAsync<SlackConfigurationException>(() => services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None));

        Assert.Single(slack.Requests);
        Assert.Equal(setting, exception.Setting);
        Assert.Contains(error, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid_blocks")]
    [InlineData("msg_too_long")]
    [InlineData("msg_blocks_too_long")]
    public async Task PayloadRefused_FallsBackToPlainText(string error)
    {
        slack.ThenWhen(request => request.HasBlocks ? SlackReply.Error(error) : SlackReply.Json("""{"ok":true,"channel":"C0ALERTS","ts":"1.2"}"""));
        await using var services = SlackTestServices.BotToken(slack);

        await services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None);

        Assert.Equal(2, slack.Requests.Count);
        var plain = slack.Requests[1].Json!.Value;
        Assert.False(plain.TryGetProperty("attachments", out _));
        Assert.Contains("Evicted: Pod shop/checkout-api-6d8f7b9c5d-qz4lp", plain.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackDownForLongerThanTheBudget_ThrowsUnavailable()
    {
        slack.Default = _ => SlackReply.ServerError();
        await using var services = SlackTestServices.BotToken(slack, timeoutSeconds: 1);

        await Assert.ThrowsAsync<SlackUnavailableException>(() => services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None));

        Assert.True(slack.Requests.Count >= 2);
    }

    [Fact]
    public async Task NetworkError_IsRetried_ThenUnavailable()
    {
        var closed = slack.ApiUri;
        await slack.DisposeAsync();
        await using var services = SlackTestServices.Build(FakeSlackServerSettings.BotToken(closed, timeoutSeconds: 1).Settings);

        var exception = await Assert.ThrowsAsync<SlackUnavailableException>(() => services.Notifier().NotifyAsync(TestAlerts.Message(), CancellationToken.None));

        Assert.Contains("network error", exception.Message, StringComparison.Ordinal);
        slack = await FakeSlackServer.StartAsync();
    }
}
