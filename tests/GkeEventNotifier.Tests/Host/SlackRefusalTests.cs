using System.Net;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Host;

/// <summary>
/// Slack refusing the message itself, or answering in a form the client cannot read: the alert goes out in the
/// plainest form Slack takes, and what Slack can never take is acknowledged and logged, never answered 500.
/// </summary>
public sealed class SlackRefusalTests : IAsyncLifetime
{
    private FakeSlackServer slack = null!;

    public async Task InitializeAsync() => slack = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync() => await slack.DisposeAsync();

    [Theory]
    [InlineData("invalid_metadata_format")]
    [InlineData("invalid_metadata_schema")]
    public async Task MetadataRefused_IsNotABadToken_TheAlertGoesOutAsPlainTextWithoutMetadata(string error)
    {
        slack.Then(SlackReply.Error(error));
        using var function = Function(FakeSlackServerSettings.BotToken(slack), NoHistoryRead);

        var response = await function.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(Samples.Entry("keep-evicted"), "7101")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(slack.Calls("chat.postMessage")[0].Json!.Value.TryGetProperty("metadata", out _));
        var plain = Assert.Single(slack.Delivered).Json!.Value;
        Assert.False(plain.TryGetProperty("metadata", out _));
        Assert.False(plain.TryGetProperty("attachments", out _));
        Assert.Contains("Evicted", plain.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(function.Logs.GetSnapshot(), r => r.Level == LogLevel.Critical);
    }

    [Fact]
    public async Task PlainTextRefusedToo_IsAcknowledged_AndLoggedAtErrorWithSlacksError()
    {
        slack.Then(SlackReply.Error("invalid_blocks"), SlackReply.Error("msg_too_long"));
        using var function = Function(FakeSlackServerSettings.BotToken(slack), NoHistoryRead);

        var response = await function.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(Samples.Entry("keep-evicted"), "7102")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single(function.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("Message 7102", error.Message, StringComparison.Ordinal);
        Assert.Contains("msg_too_long", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, slack.Calls("chat.postMessage").Count);
    }

    [Fact]
    public async Task BurstNoticeRefused_IsAcknowledged_AndTheFirstMessageStillCountsTheAlert()
    {
        using var function = Function(FakeSlackServerSettings.BotToken(slack), new Dictionary<string, string?> { ["ALERT_BURST_THRESHOLD"] = "1" });
        var client = function.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(TestEntries.Evicted("checkout-api-6d8f7b9c5d-qz4lp").ToJsonString(), "7103")))).StatusCode);
        slack.ThenWhen(request => request.Json!.Value.TryGetProperty("thread_ts", out _) ? SlackReply.Error("invalid_arguments") : SlackReply.Json("""{"ok":true}"""));

        var response = await client.SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(TestEntries.Evicted("checkout-api-6d8f7b9c5d-bx4lp").ToJsonString(), "7104")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(function.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("invalid_arguments", StringComparison.Ordinal));
        Assert.Contains("\"count\":\"2\"", Assert.Single(slack.Calls("chat.update")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebApiAnswerInAnUnknownCharset_IsRetried_NotA500()
    {
        slack.Then(new SlackReply(200, """{"ok":true,"channel":"C0ALERTS","ts":"1.000001"}""", ContentType: "application/json; charset=x-made-up"));
        using var function = Function(FakeSlackServerSettings.BotToken(slack, timeoutSeconds: 2));

        var response = await function.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(Samples.Entry("keep-evicted"), "7105")));

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(function.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("charset", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebhookAnswerInAnUnknownCharset_IsRetried_NotA500()
    {
        slack.Then(new SlackReply(200, "ok", ContentType: "text/plain; charset=x-made-up"));
        using var function = Function(FakeSlackServerSettings.Webhook(slack));

        var response = await function.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(Samples.Entry("keep-evicted"), "7106")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, slack.Requests.Count);
        Assert.Contains(function.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("charset", StringComparison.Ordinal));
    }

    /// <summary>No grouping, so no history read takes a scripted answer meant for the post.</summary>
    private static readonly Dictionary<string, string?> NoHistoryRead = new() { ["ALERT_GROUP_WINDOW_MINUTES"] = "0" };

    private static FunctionFactory Function(FakeSlackServerSettings settings, IReadOnlyDictionary<string, string?>? extra = null) =>
        FunctionFactory.WithFastRetryingSlack(settings, extra);
}
