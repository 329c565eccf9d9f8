using System.Net;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Host;

/// <summary>
/// Bad input gets a clear status and log line, and nothing is lost: requests that are not events get 400 (or 413),
/// messages that can never become alerts are acknowledged (2xx) and logged at ERROR with their message id.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly FunctionFactory factory = new();

    [Fact]
    public async Task BodyThatIsNotJson_Gets400_AndSaysSo()
    {
        var response = await Send(HttpRequests.Post("/", "this is not json", "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertLogged(LogLevel.Warning, "Request rejected with 400, it is not an event: body is not JSON");
    }

    [Fact]
    public async Task EmptyBody_Gets400()
    {
        var response = await Send(HttpRequests.Post("/", "", "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertLogged(LogLevel.Warning, "Request rejected with 400, it is not an event: empty body");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task WrongContentType_Gets400_NamingWhatIsExpected(string? contentType)
    {
        var response = await Send(HttpRequests.Post("/", Samples.PushBody(Samples.Entry("keep-evicted")), contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertLogged(LogLevel.Warning, "expected application/json or application/cloudevents+json");
    }

    [Fact]
    public async Task BinaryCloudEventWithoutId_Gets400()
    {
        var request = HttpRequests.BinaryCloudEvent(Samples.PushBody(Samples.Entry("keep-evicted")));
        request.Headers.Remove("ce-id");

        var response = await Send(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertLogged(LogLevel.Warning, "invalid ce-* headers");
    }

    [Fact]
    public async Task JsonWithoutPubSubMessage_Gets400()
    {
        var response = await Send(HttpRequests.Post("/", """{"subscription":"projects/p/subscriptions/s"}""", "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertLogged(LogLevel.Warning, "neither a Pub/Sub push request");
    }

    [Fact]
    public async Task BadBase64_IsAcknowledged_AndLoggedAtErrorWithMessageId()
    {
        var response = await Send(HttpRequests.BinaryCloudEvent(Samples.PushBodyWithData("%%%not-base64%%%", "9001")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(LogLevel.Error, "Message 9001 can never become an alert and is acknowledged: message data is not valid base64");
    }

    [Fact]
    public async Task DataThatIsNotJson_IsAcknowledged_AndLoggedAtError()
    {
        var response = await Send(HttpRequests.BinaryCloudEvent(Samples.PushBodyWithData(Samples.Base64("hello, world"), "9002")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(LogLevel.Error, "Message 9002 can never become an alert and is acknowledged: data is not JSON");
    }

    [Fact]
    public async Task DataThatIsNotALogEntry_IsAcknowledged_AndLoggedAtError()
    {
        var response = await Send(HttpRequests.BinaryCloudEvent(Samples.PushBody("""{"hello":"world"}""", "9003")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(LogLevel.Error, "Message 9003 can never become an alert and is acknowledged: data is a JSON object but not a LogEntry");
    }

    [Fact]
    public async Task JsonPayloadThatIsNotAnEvent_IsAcknowledged_AndLoggedAtError()
    {
        var entry = Samples.EntryNode("keep-evicted");
        entry["jsonPayload"] = new System.Text.Json.Nodes.JsonObject { ["msg"] = "an application log line" };

        var response = await Send(HttpRequests.BinaryCloudEvent(Samples.PushBody(entry.ToJsonString(), "9004")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(LogLevel.Error, "Message 9004 can never become an alert and is acknowledged: jsonPayload is not a Kubernetes Event");
    }

    [Fact]
    public async Task MessageWithoutData_IsAcknowledged_AndLoggedAtError()
    {
        var body = """{"message":{"messageId":"9005","attributes":{}},"subscription":"projects/p/subscriptions/s"}""";

        var response = await Send(HttpRequests.BinaryCloudEvent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(LogLevel.Error, "Message 9005 can never become an alert and is acknowledged: message has no data");
    }

    [Fact]
    public async Task TenMegabyteBody_Gets413_WithoutBeingRead()
    {
        var huge = new string('a', 10 * 1024 * 1024);

        var response = await Send(HttpRequests.BinaryCloudEvent(Samples.PushBodyWithData(huge)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AssertLogged(LogLevel.Warning, "Request rejected with 413");
    }

    [Fact]
    public async Task BodyWithoutContentLength_OverTheLimit_Gets413_WhileBeingRead()
    {
        var huge = new string('a', 2 * 1024 * 1024);

        var response = await Send(HttpRequests.WithoutLength(HttpRequests.BinaryCloudEvent(Samples.PushBodyWithData(huge))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AssertLogged(LogLevel.Warning, "Request rejected with 413");
    }

    [Fact]
    public async Task BodyWithoutContentLength_IsReadLikeAnyOther()
    {
        var body = """{"message":{"messageId":"9006","data":"bm90IGpzb24="},"subscription":"projects/p/subscriptions/s"}""";

        var response = await Send(HttpRequests.WithoutLength(HttpRequests.BinaryCloudEvent(body)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(LogLevel.Error, "Message 9006 can never become an alert and is acknowledged");
    }

    private Task<HttpResponseMessage> Send(HttpRequestMessage request) => factory.CreateClient().SendAsync(request);

    private void AssertLogged(LogLevel level, string text) =>
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Level == level && r.Message.Contains(text, StringComparison.Ordinal));

    public void Dispose() => factory.Dispose();
}
