using System.Text;
using System.Text.Json;
using GkeEventNotifier.Adapters.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GkeEventNotifier.Tests.Logging;

/// <summary>
/// Cloud Logging drops a structured log line over 256 KB whole, and log lines carry event text (reasons, object names,
/// Slack's answers): every line stays far below the limit and keeps what says what happened.
/// </summary>
public sealed class CloudLoggingJsonFormatterTests
{
    private const int CloudLoggingEntryLimit = 256 * 1024;

    [Fact]
    public void ALogLineCarryingAHugeEventText_StaysUnderCloudLoggingsEntryLimit_AndKeepsItsStart()
    {
        var reason = "\u0001" + new string('x', 600_000);
        var line = Write(LogLevel.Error, "Message 42 can never become an alert: {Reason}", ("Reason", reason), ("MessageId", "42"));

        Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, CloudLoggingEntryLimit / 2);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("ERROR", json.RootElement.GetProperty("severity").GetString());
        var message = json.RootElement.GetProperty("message").GetString()!;
        Assert.StartsWith("Message 42 can never become an alert: \u0001xxx", message, StringComparison.Ordinal);
        Assert.EndsWith("(truncated)", message, StringComparison.Ordinal);
        Assert.Equal("42", json.RootElement.GetProperty("logging.googleapis.com/labels").GetProperty("MessageId").GetString());
    }

    [Fact]
    public void AnOrdinaryLine_IsWrittenWhole()
    {
        var line = Write(LogLevel.Information, "Message {MessageId} alerted: {Event}", ("MessageId", "7"), ("Event", "Evicted on Pod shop/checkout-api"));

        using var json = JsonDocument.Parse(line);
        Assert.Equal("Message 7 alerted: Evicted on Pod shop/checkout-api", json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void ALineAfterAHugeOne_OnTheSameThread_CarriesNothingOfIt()
    {
        _ = Write(LogLevel.Error, "Message 42 can never become an alert: {Reason}", ("Reason", new string('y', 300_000)), ("MessageId", "42"));
        _ = Write(LogLevel.Warning, "Request rejected with 400, it is not an event: {Reason}", ("Reason", "é" + new string('z', 2_000)));

        var line = Write(LogLevel.Information, "Message {MessageId} alerted: {Event}", ("MessageId", "7"), ("Event", "Evicted"));

        Assert.Equal(
            """{"severity":"INFO","message":"Message 7 alerted: Evicted","category":"Test","logging.googleapis.com/labels":{"MessageId":"7","Event":"Evicted"}}""",
            line);
    }

    [Fact]
    public void LinesWrittenOnManyThreadsAtOnce_AreEachWholeAndTheirOwn()
    {
        var lines = Enumerable.Range(0, 64).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => (Id: i, Line: Write(LogLevel.Information, "Message {MessageId} alerted: {Event}", ("MessageId", $"{i}"), ("Event", new string('e', i * 97)))))
            .ToList();

        Assert.All(lines, l => Assert.Equal($"Message {l.Id} alerted: {new string('e', l.Id * 97)}", JsonDocument.Parse(l.Line).RootElement.GetProperty("message").GetString()));
    }

    private static string Write(LogLevel level, string template, params (string Key, string Value)[] values)
    {
        var properties = values.Select(v => new KeyValuePair<string, object?>(v.Key, v.Value)).Append(new("{OriginalFormat}", template)).ToList();
        var message = values.Aggregate(template, (text, v) => text.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));
        var entry = new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(level, "Test", default, properties, null, (_, _) => message);
        using var output = new StringWriter();
        new CloudLoggingJsonFormatter().Write(entry, null, output);
        return output.ToString().TrimEnd('\n');
    }
}
