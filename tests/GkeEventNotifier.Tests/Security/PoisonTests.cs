using System.Net;
using System.Text;
using GkeEventNotifier.Tests.Host;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Security;

/// <summary>
/// Data that no retry can improve ends as DESIGN says, through the real host: alerted with what can be shown, or
/// acknowledged (2xx) and logged at ERROR with its message id. Never a 500 and an "unhandled exception".
/// </summary>
public sealed class PoisonTests : IDisposable
{
    private readonly FunctionFactory factory = new();

    [Theory]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    [InlineData("9999-12-31T23:30:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:30:00Z")]
    public async Task TimestampNearTheLimitsOfDateTimeOffset_IsAlerted(string timestamp)
    {
        var entry = Samples.EntryNode("keep-evicted");
        entry["timestamp"] = timestamp;
        entry["jsonPayload"]!["lastTimestamp"] = timestamp;
        entry["jsonPayload"]!["firstTimestamp"] = timestamp;

        var response = await Send(entry.ToJsonString(), "7001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(LogLevel.Information, "Message 7001 alerted");
        Assert.Contains("Evicted", factory.Stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("message")]
    [InlineData("reason")]
    [InlineData("insertId")]
    [InlineData("involvedObject.name")]
    [InlineData("resource.labels.cluster_name")]
    [InlineData("labels.key")]
    [InlineData("message, upper case")]
    public async Task LoneSurrogateEscapeAnywhere_IsAcknowledgedAndLoggedAtError(string field)
    {
        var entry = Samples.Entry("keep-evicted");
        var json = field switch
        {
            "message" => entry.Replace("\"message\": \"", "\"message\": \"\\ud800", StringComparison.Ordinal),
            "reason" => entry.Replace("\"reason\": \"Evicted", "\"reason\": \"Evicted\\udc00", StringComparison.Ordinal),
            "insertId" => entry.Replace("\"insertId\": \"", "\"insertId\": \"\\udfff", StringComparison.Ordinal),
            "involvedObject.name" => entry.Replace("\"name\": \"", "\"name\": \"\\ud83d", StringComparison.Ordinal),
            "resource.labels.cluster_name" => entry.Replace("\"cluster_name\": \"", "\"cluster_name\": \"\\ud800x", StringComparison.Ordinal),
            "message, upper case" => entry.Replace("\"message\": \"", "\"message\": \"\\u003c\\uDBFF", StringComparison.Ordinal),
            _ => entry.Replace("\"insertId\":", "\"labels\": {\"k\\ud800\": \"v\"}, \"insertId\":", StringComparison.Ordinal),
        };
        Assert.NotEqual(entry, json);

        var response = await Send(json, "7002");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(LogLevel.Error, "Message 7002 can never become an alert and is acknowledged: data holds text that is not valid Unicode");
    }

    [Fact]
    public async Task SurrogatePairAndOtherUnicodeEscapes_AreAlerted()
    {
        var entry = Samples.Entry("keep-evicted").Replace("\"message\": \"", "\"message\": \"\\uD83D\\ude00 \\u003cpod\\u003e \\\\udc00 ", StringComparison.Ordinal);

        var response = await Send(entry, "7004");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(LogLevel.Information, "Message 7004 alerted");
    }

    [Fact]
    public async Task InvalidUtf8InsideAJsonString_IsAcknowledgedAndLoggedAtError()
    {
        var bytes = Encoding.UTF8.GetBytes(Samples.Entry("keep-evicted")).ToList();
        var at = Encoding.UTF8.GetBytes(Samples.Entry("keep-evicted")).AsSpan().IndexOf("The node"u8);
        bytes.InsertRange(at, new byte[] { 0xC3, 0x28, 0xFF });

        var response = await factory.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBodyWithData(Convert.ToBase64String(bytes.ToArray()), "7003")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(LogLevel.Error, "Message 7003 can never become an alert and is acknowledged:");
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("١٢٣")]
    public async Task OomPidBeyondInt32OrInNonAsciiDigits_IsAlertedWithTheProcessName(string pid)
    {
        var entry = Samples.EntryNode("keep-oomkilling");
        entry["jsonPayload"]!["message"] = $"Memory cgroup out of memory: Killed process {pid} (java) total-vm:912344kB, anon-rss:1kB";

        var response = await Send(entry.ToJsonString(), "7004");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(LogLevel.Information, "Message 7004 alerted");
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    public void Dispose() => factory.Dispose();

    private Task<HttpResponseMessage> Send(string logEntryJson, string messageId) =>
        factory.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(Samples.PushBody(logEntryJson, messageId)));

    private void AssertLogged(LogLevel level, string text) =>
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Level == level && r.Message.Contains(text, StringComparison.Ordinal));
}
