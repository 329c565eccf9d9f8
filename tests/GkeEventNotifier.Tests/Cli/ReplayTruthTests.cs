using System.Text.Json.Nodes;
using GkeEventNotifier.Tests.Fakes;

namespace GkeEventNotifier.Tests.Cli;

/// <summary>
/// gke-events replay tells what the function would have done at the time: entries in event order (gcloud prints newest
/// first), windows on the events' clock, a report whose counts match what was printed, whatever shape the input has,
/// and one bad entry or one refused alert never stops the run.
/// </summary>
public sealed class ReplayTruthTests
{
    [Fact]
    public async Task NewestFirstExport_IsReplayedInEventOrder_OnTheEventsClock()
    {
        var export = new JsonArray(
            CronJobSucceeded("2026-11-20T12:05:41Z"),
            Evicted("pod-b", "2026-11-20T12:14:03Z"),
            Entry("keep-backofflimitexceeded", "2026-11-20T10:05:41Z"),
            Evicted("pod-a", "2026-11-20T09:14:03Z"));

        var (code, output, error) = await ReplayCommandTests.Run(["replay", "-"], export.ToJsonString());

        Assert.Equal(0, code);
        var headlines = Headlines(output);
        Assert.Equal(4, headlines.Count);
        Assert.StartsWith("Evicted: Pod shop/pod-a", headlines[0], StringComparison.Ordinal);
        Assert.StartsWith("BackoffLimitExceeded: Job billing/invoice-export-29376540", headlines[1], StringComparison.Ordinal);
        Assert.StartsWith("Resolved: CronJob billing/invoice-export in cluster shop-eu1 recovered after 2 h", headlines[2], StringComparison.Ordinal);
        Assert.StartsWith("Evicted: Pod shop/pod-b", headlines[3], StringComparison.Ordinal);
        Assert.Contains("first failure 2026-11-20 10:05 UTC · last failure 2026-11-20 10:05 UTC", output, StringComparison.Ordinal);
        Assert.DoesNotContain("in under 1 min", output, StringComparison.Ordinal);
        Assert.Contains("4 entries read: 4 alerted (printed; no Slack setting), 0 dropped by the filter or a drop rule", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatsAnHourApart_AreTwoAlerts_NotOneAndARepeat()
    {
        var first = Evicted("pod-a", "2026-11-20T09:14:03Z");
        var again = Evicted("pod-a", "2026-11-20T10:44:03Z");
        again["insertId"] = "later-copy";

        var (code, output, error) = await ReplayCommandTests.Run(["replay", "-"], new JsonArray(again, first).ToJsonString());

        Assert.Equal(0, code);
        Assert.Equal(2, Count(output, "Evicted: Pod shop/pod-a"));
        Assert.Contains("2 entries read: 2 alerted", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatsWithinTheDedupWindow_AreCountedAsRepeats_AndNotPrinted()
    {
        var first = Evicted("pod-a", "2026-11-20T09:14:03Z");
        var again = Evicted("pod-a", "2026-11-20T09:16:03Z");

        var (code, output, error) = await ReplayCommandTests.Run(["replay", "-"], new JsonArray(again, first).ToJsonString());

        Assert.Equal(0, code);
        Assert.Equal(1, Count(output, "Evicted: Pod shop/pod-a"));
        Assert.Contains("2 entries read: 1 alerted (printed; no Slack setting), 0 dropped by the filter or a drop rule, 0 not Kubernetes events (text lines, audit log entries), 1 repeats of an earlier event", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pretty object")]
    [InlineData("compact object")]
    [InlineData("pretty objects in a row")]
    [InlineData("one per line")]
    [InlineData("array")]
    public async Task EveryInputShape_IsRead_EntryByEntry(string shape)
    {
        var a = Samples.Entry("keep-evicted");
        var b = Samples.Entry("keep-oomkilling");
        var compact = (string json) => JsonNode.Parse(json)!.ToJsonString();
        var (input, entries) = shape switch
        {
            "pretty object" => (a, 1),
            "compact object" => (compact(a), 1),
            "pretty objects in a row" => (a + "\n" + b, 2),
            "one per line" => (compact(a) + "\n" + compact(b) + "\n", 2),
            _ => ($"[{a},{b}]", 2),
        };

        var (code, _, error) = await ReplayCommandTests.Run(["replay", "-"], input);

        Assert.Equal(0, code);
        Assert.Contains($"{entries} entries read: {entries} alerted", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenPrettyObject_IsOneRejectedEntry_NotOneRejectionPerLine()
    {
        var broken = Samples.Entry("keep-evicted").TrimEnd()[..^1];

        var (code, _, error) = await ReplayCommandTests.Run(["replay", "-"], broken);

        Assert.Equal(1, code);
        Assert.Contains("1 entries read: 0 alerted", error, StringComparison.Ordinal);
        Assert.Contains("rejected entry 1: the input is not valid JSON: line ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackRefusingOneAlert_FailsThatEntryOnly_TheRunGoesOn_AndExits3()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        slack.Then(new SlackReply(400, "invalid_blocks"), new SlackReply(400, "msg_too_long"));
        var input = string.Join('\n', Evicted("pod-a", "2026-11-20T09:14:03Z").ToJsonString(), "{poison", Evicted("pod-b", "2026-11-20T11:14:03Z").ToJsonString());

        var (code, _, error) = await ReplayCommandTests.Run(["replay", "-"], input, new() { ["SLACK_WEBHOOK_URL"] = slack.WebhookUri.ToString() });

        Assert.Equal(3, code);
        Assert.Single(slack.Delivered);
        Assert.Contains("3 entries read: 1 alerted (posted to Slack)", error, StringComparison.Ordinal);
        Assert.Contains("1 rejected, 1 failed to reach Slack", error, StringComparison.Ordinal);
        Assert.Contains("rejected entry 2: the line is not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains("failed entry 1: Slack refused the alert ('msg_too_long')", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static JsonObject Entry(string name, string timestamp)
    {
        var entry = Samples.EntryNode(name);
        entry["timestamp"] = timestamp;
        entry["receiveTimestamp"] = timestamp;
        return entry;
    }

    private static JsonObject Evicted(string pod, string timestamp)
    {
        var entry = Entry("keep-evicted", timestamp);
        entry["insertId"] = "insert-" + pod + timestamp;
        var payload = entry["jsonPayload"]!.AsObject();
        payload["involvedObject"]!["name"] = pod;
        payload["metadata"]!["uid"] = "uid-" + pod;
        payload["lastTimestamp"] = timestamp;
        return entry;
    }

    private static JsonObject CronJobSucceeded(string timestamp)
    {
        var entry = Entry("keep-sawcompletedjob-complete", timestamp);
        entry["jsonPayload"]!["lastTimestamp"] = timestamp;
        return entry;
    }

    /// <summary>The readable output underlines each message's headline with '='.</summary>
    private static List<string> Headlines(string output)
    {
        var lines = output.Split('\n');
        return lines.Where((line, i) => i + 1 < lines.Length && lines[i + 1].StartsWith("===", StringComparison.Ordinal)).ToList();
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
