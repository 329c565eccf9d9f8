using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Host;

/// <summary>Every delivery shape Google uses reaches the pipeline; in console mode the alert is printed to stdout.</summary>
public sealed class RequestShapeTests : IDisposable
{
    private readonly FunctionFactory factory = new();
    private readonly string entry = Samples.Entry("keep-evicted");

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    public async Task BinaryCloudEvent_IsAlerted(string contentType)
    {
        var response = await factory.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(entry), contentType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Evicted: Pod shop/checkout-api-6d8f7b9c5d-qz4lp", factory.Stdout.ToString());
    }

    [Fact]
    public async Task StructuredCloudEvent_IsAlerted()
    {
        var cloudEvent = $$"""
            {"specversion":"1.0","type":"google.cloud.pubsub.topic.v1.messagePublished","source":"//pubsub.googleapis.com/projects/p/topics/t",
             "id":"42","time":"2026-11-20T13:03:28.613Z","datacontenttype":"application/json","data":{{Samples.PushBody(entry, "42")}}}
            """;

        var response = await factory.CreateClient().SendAsync(HttpRequests.Post("/", cloudEvent, "application/cloudevents+json; charset=utf-8"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Evicted: Pod shop/checkout-api-6d8f7b9c5d-qz4lp", factory.Stdout.ToString());
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Message.StartsWith("Message 42 alerted", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/projects/test-project/topics/gke-events")]
    public async Task RawPubSubPush_OnAnyPath_IsAlerted(string path)
    {
        var response = await factory.CreateClient().SendAsync(HttpRequests.Post(path, Samples.PushBody(entry), "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Evicted: Pod shop/checkout-api-6d8f7b9c5d-qz4lp", factory.Stdout.ToString());
    }

    [Fact]
    public async Task LegacyGcfEvent_WithContext_IsAlerted()
    {
        var legacy = $$$"""
            {"context":{"eventId":"1001","timestamp":"2026-11-20T13:03:28.613Z","eventType":"google.pubsub.topic.publish",
             "resource":{"service":"pubsub.googleapis.com","name":"projects/p/topics/t","type":"type.googleapis.com/google.pubsub.v1.PubsubMessage"}},
             "data":{"@type":"type.googleapis.com/google.pubsub.v1.PubsubMessage","attributes":{},"data":"{{{Samples.Base64(entry)}}}"}}
            """;

        var response = await factory.CreateClient().SendAsync(HttpRequests.Post("/", legacy, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Message.StartsWith("Message 1001 alerted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LegacyGcfEvent_Flat_IsAlerted()
    {
        var legacy = $$$"""
            {"eventId":"1002","timestamp":"2026-11-20T13:03:28.613Z","eventType":"providers/cloud.pubsub/eventTypes/topic.publish",
             "resource":"projects/p/topics/t","data":{"data":"{{{Samples.Base64(entry)}}}"}}
            """;

        var response = await factory.CreateClient().SendAsync(HttpRequests.Post("/", legacy, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Message.StartsWith("Message 1002 alerted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CloudEventOfAnotherType_IsAcknowledgedAndLogged()
    {
        var request = HttpRequests.BinaryCloudEvent("""{"bucket":"b","name":"o"}""", type: "google.cloud.storage.object.v1.finalized", id: "77");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = Assert.Single(factory.Logs.GetSnapshot(), r => r.Message.Contains("google.cloud.storage.object.v1.finalized", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, log.Level);
        Assert.Contains("CloudEvent 77", log.Message, StringComparison.Ordinal);
        Assert.Empty(factory.Stdout.ToString());
    }

    [Fact]
    public async Task FilteredEntry_IsAcknowledgedWithoutAlert()
    {
        var response = await factory.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(Samples.Entry("drop-normal-pulled"), "55")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(factory.Stdout.ToString());
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Message.StartsWith("Message 55 acknowledged (Filtered)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExporterStartupNotice_IsAcknowledgedWithoutAlert()
    {
        var response = await factory.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(Samples.Entry("notice-exporter-started"), "56")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(factory.Stdout.ToString());
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Message.StartsWith("Message 56 acknowledged (NotAnEvent)", StringComparison.Ordinal)
            && r.Message.Contains("Some events may have been lost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConsoleMode_PrintsOneJsonLinePerAlert_WithSeverityAndSlackPayload()
    {
        await factory.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(entry)));

        var line = Assert.Single(factory.Stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("NOTICE", json.RootElement.GetProperty("severity").GetString());
        Assert.Contains("Evicted", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("slackMessage").GetProperty("attachments").ValueKind);
    }

    [Fact]
    public async Task Startup_SaysItRunsWithoutSlack()
    {
        _ = factory.CreateClient();

        // The report is written from the host's ApplicationStarted callback, which may run just after start returns.
        await Eventually.TrueAsync(SaidItRunsWithoutSlack, TimeSpan.FromSeconds(5));

        Assert.True(SaidItRunsWithoutSlack(), "no WARNING 'Running without Slack' at start-up");
    }

    private bool SaidItRunsWithoutSlack() =>
        factory.Logs.GetSnapshot().Any(r => r.Level == LogLevel.Warning && r.Message.StartsWith("Running without Slack", StringComparison.Ordinal));

    public void Dispose() => factory.Dispose();
}
