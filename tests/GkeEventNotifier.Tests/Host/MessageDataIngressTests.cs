using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using GkeEventNotifier.Stages.Ingress;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Host;

/// <summary>
/// A message's data reaches the decode stage as the request's own UTF-8 bytes, not as a .NET string: however the JSON
/// writes the base64 text (plain or with escapes), it decodes to the same alert, and data that is no JSON text is still
/// a request that is not an event.
/// </summary>
public sealed class MessageDataIngressTests : IDisposable
{
    private readonly FunctionFactory factory = new();
    private readonly string base64 = Samples.Base64(Samples.Entry("keep-evicted"));

    [Fact]
    public void DataOfABinaryCloudEvent_IsASliceOfTheRequestBody()
    {
        var body = Encoding.UTF8.GetBytes(Samples.PushBodyWithData(base64));
        var headers = new Dictionary<string, string>
        {
            ["ce-specversion"] = "1.0", ["ce-type"] = IngressReader.MessagePublishedType, ["ce-source"] = "//pubsub.googleapis.com/projects/p/topics/t", ["ce-id"] = "1",
        };

        var ingress = IngressReader.Read(new IngressRequest("/", "application/json", headers, body));

        var data = Assert.IsType<IngressResult.Message>(ingress).PubSub.Data;
        Assert.True(MemoryMarshal.TryGetArray(data, out var segment) && ReferenceEquals(segment.Array, body), "the data was copied out of the request body");
        Assert.Equal(base64, Encoding.UTF8.GetString(data.Span));
    }

    [Fact]
    public async Task DataWrittenWithJsonEscapes_IsAlerted()
    {
        var escaped = string.Concat(base64.Select(c => $"\\u{(int)c:x4}"));
        var body = Samples.PushBodyWithData("DATA", "9101").Replace("\"DATA\"", $"\"{escaped}\"", StringComparison.Ordinal);

        var response = await factory.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Message.StartsWith("Message 9101 alerted", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("{\"data\":\"x\"}")]
    public async Task DataThatIsNotAString_Gets400(string data)
    {
        var body = Samples.PushBodyWithData("DATA").Replace("\"DATA\"", data, StringComparison.Ordinal);

        var response = await factory.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("without a Pub/Sub 'message' object", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DataWithBytesThatAreNotUtf8_Gets400()
    {
        var body = Encoding.UTF8.GetBytes(Samples.PushBodyWithData("DATA"));
        var at = body.AsSpan().IndexOf("DATA"u8);
        body[at] = 0xC3; // the start of a two-byte sequence, followed by 'A': not UTF-8
        var request = HttpRequests.BinaryCloudEvent("");
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public void Dispose() => factory.Dispose();
}
