using System.Net;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Host;

/// <summary>
/// Pushes from a subscription with payload unwrapping (<c>--push-no-wrapper</c>): the body is the LogEntry itself.
/// They are alerted like any other delivery, named by the <c>x-goog-pubsub-message-id</c> header when Pub/Sub writes
/// metadata and by the entry's insertId when it does not; a message that can never be an alert is acknowledged.
/// </summary>
public sealed class UnwrappedPushTests : IDisposable
{
    private readonly FunctionFactory factory = new();
    private readonly string entry = Samples.Entry("keep-evicted");

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task WithWriteMetadata_IsAlerted_UnderTheHeadersMessageId(string? contentType)
    {
        var response = await Send(HttpRequests.UnwrappedPush(entry, contentType, messageId: "17740001"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Evicted: Pod shop/checkout-api-6d8f7b9c5d-qz4lp", factory.Stdout.ToString());
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Message.StartsWith("Message 17740001 alerted", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task WithoutMetadata_IsAlerted_UnderTheEntrysInsertId(string? contentType)
    {
        var response = await Send(HttpRequests.UnwrappedPush(entry, contentType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Evicted: Pod shop/checkout-api-6d8f7b9c5d-qz4lp", factory.Stdout.ToString());
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Message.StartsWith("Message c17149d439536b3 alerted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithWriteMetadata_DataThatIsNotJson_IsAcknowledged_AndLoggedAtErrorWithItsMessageId()
    {
        var response = await Send(HttpRequests.UnwrappedPush("hello, world", "text/plain", messageId: "17740002"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Level == LogLevel.Error
            && r.Message.Contains("Message 17740002 can never become an alert and is acknowledged: data is not JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HeaderMessageIdThatIsNotPlain_IsNotUsed_TheInsertIdNamesTheMessage()
    {
        var response = await Send(HttpRequests.UnwrappedPush(entry, "application/json", messageId: "<script>" + new string('9', 300)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Message.StartsWith("Message c17149d439536b3 alerted", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Message.Contains("<script>", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> Send(HttpRequestMessage request) => factory.CreateClient().SendAsync(request);

    public void Dispose() => factory.Dispose();
}
