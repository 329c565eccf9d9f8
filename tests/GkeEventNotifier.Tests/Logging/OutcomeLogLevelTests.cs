using System.Net;
using GkeEventNotifier.Tests.EndToEnd;
using GkeEventNotifier.Tests.Host;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Logging;

/// <summary>
/// Most messages need nothing from anyone (filtered out, duplicates, not events): their lines are DEBUG by default, so
/// the function's log shows alerts and problems; <c>ROUTINE_OUTCOMES_LOG_LEVEL=info</c> shows every message again.
/// </summary>
public sealed class OutcomeLogLevelTests
{
    [Fact]
    public async Task FilteredDuplicateAndNotAnEvent_AreDebugLines_AndTheAlertIsInformation()
    {
        using var factory = new FunctionFactory();

        await PostEveryOutcomeAsync(factory.CreateClient());

        var logs = factory.Logs.GetSnapshot();
        Assert.Equal(LogLevel.Debug, Assert.Single(logs, r => r.Message.StartsWith("Message 101 acknowledged (Filtered)", StringComparison.Ordinal)).Level);
        Assert.Equal(LogLevel.Debug, Assert.Single(logs, r => r.Message.StartsWith("Message 102 acknowledged (NotAnEvent)", StringComparison.Ordinal)).Level);
        Assert.Equal(LogLevel.Information, Assert.Single(logs, r => r.Message.StartsWith("Message 103 alerted: Evicted", StringComparison.Ordinal)).Level);
        Assert.Equal(LogLevel.Debug, Assert.Single(logs, r => r.Message.StartsWith("Message 104 acknowledged (Duplicate)", StringComparison.Ordinal)).Level);
        Assert.Equal(LogLevel.Error, Assert.Single(logs, r => r.Message.StartsWith("Message 105 can never become an alert", StringComparison.Ordinal)).Level);
    }

    [Fact]
    public async Task RoutineLevelInfo_MakesEveryOutcomeAnInformationLine()
    {
        using var factory = new FunctionFactory(new Dictionary<string, string?> { ["ROUTINE_OUTCOMES_LOG_LEVEL"] = "INFO" });

        await PostEveryOutcomeAsync(factory.CreateClient());

        var logs = factory.Logs.GetSnapshot();
        foreach (var id in new[] { "101", "102", "103", "104" })
        {
            Assert.Equal(LogLevel.Information, Assert.Single(logs, r => r.Message.StartsWith($"Message {id} ", StringComparison.Ordinal)).Level);
        }
    }

    [Fact]
    public async Task RunningFunction_WritesTheAlert_ButNoLineForAFilteredEntry()
    {
        using var trap = new OutsideTrap();
        await using var function = await FunctionProcess.StartAsync(new Dictionary<string, string?> { ["ROUTINE_OUTCOMES_LOG_LEVEL"] = null }, trap);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{function.Port}/") };

        await PostEveryOutcomeAsync(client);
        await Eventually.TrueAsync(() => function.Lines.Any(l => l.MessageId == "105"), TimeSpan.FromSeconds(30));

        var lines = function.Lines.Where(l => l.MessageId is not null).ToList();
        Assert.Equal(["103", "105"], lines.Select(l => l.MessageId!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("INFO", lines.Single(l => l.Message.StartsWith("Message 103 alerted", StringComparison.Ordinal)).Severity);
    }

    /// <summary>Filtered (101), not an event (102: an exporter line), alerted (103), its duplicate (104), poison (105), one after the other.</summary>
    private static async Task PostEveryOutcomeAsync(HttpClient client)
    {
        var evicted = Samples.Entry("keep-evicted");
        (string Body, string Id)[] messages =
        [
            (Samples.PushBody(Samples.Entry("drop-normal-pulled"), "101"), "101"),
            (Samples.PushBody(OtherExporterLine(), "102"), "102"),
            (Samples.PushBody(evicted, "103"), "103"),
            (Samples.PushBody(evicted, "104"), "104"),
            (Samples.PushBodyWithData("not base64!", "105"), "105"),
        ];
        foreach (var (body, id) in messages)
        {
            using var response = await client.SendAsync(HttpRequests.BinaryCloudEvent(body, id: id));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>A text line of the event exporter other than its restart notice (which is a blind-spot notice): not an event.</summary>
    private static string OtherExporterLine()
    {
        var entry = Samples.EntryNode("notice-exporter-started");
        entry["textPayload"] = "Exporter flushed a batch of 12 entries.";
        return entry.ToJsonString();
    }
}
