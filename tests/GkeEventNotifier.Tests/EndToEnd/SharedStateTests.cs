using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GkeEventNotifier.Tests.AlertState;
using GkeEventNotifier.Tests.Fakes;
using Xunit.Abstractions;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>
/// N instances behave like one: three function processes on Firestore behind a round-robin proxy, fed by the Pub/Sub
/// emulator. Asserted from what the fake Slack accepted: every event named in Slack (own alert or summary), none
/// twice, and the repeat count shown equals the repeats sent. The figures go to the test output (SHARED_STATE_REPORT
/// names a file to append them to).
/// </summary>
[Collection(EmulatorTestGroup.Name)]
public sealed partial class SharedStateTests(EmulatorFixture pubsub, FirestoreEmulatorFixture firestore, ITestOutputHelper output)
    : IClassFixture<FirestoreEmulatorFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    [SkippableFact]
    public async Task DistinctAlertsRepeatsAndRedeliveries_WhileSlackFailsItsFirstTenCalls_EachEventOnce_WithTheRepeatCount()
    {
        await using var scenario = await SharedStateScenario.StartAsync(pubsub.Emulator(), firestore.Emulator());
        scenario.Slack.Then(Enumerable.Repeat(SlackReply.ServerError(500), 10).ToArray());
        var repeated = TestEntries.Distinct("keep-evicted", "repeat-pod-00", "shop", second: 0);
        var distinct = Enumerable.Range(1, 14).Select(i => TestEntries.Distinct("keep-evicted", $"distinct-pod-{i:D2}", "shop", second: i)).ToList();
        var repeats = Enumerable.Range(1, 5).Select(i => TestEntries.Update(repeated, 60 + i)).ToList();
        var clock = Stopwatch.StartNew();

        var firstId = await scenario.PublishAsync([repeated]);
        await scenario.WaitForOutcomesAsync(firstId, Patience);
        var restIds = await scenario.PublishAsync(distinct.Concat(repeats));
        await scenario.WaitForOutcomesAsync(restIds, Patience);
        var sent = firstId.Concat(restIds).Zip(distinct.Prepend(repeated).Concat(repeats)).ToList();
        var redelivered = new List<HttpStatusCode>();
        foreach (var (id, entry) in sent)
        {
            for (var copy = 0; copy < 3; copy++)
            {
                redelivered.Add(await scenario.RedeliverAsync(entry, id));
            }
        }

        Assert.All(redelivered, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1, scenario.PostsNaming("repeat-pod-00"));
        Assert.All(Enumerable.Range(1, 14), i => Assert.Equal(1, scenario.PostsNaming($"distinct-pod-{i:D2}")));
        var lastUpdate = scenario.Slack.Delivered.Where(r => r.Path == "/api/chat.update").MaxBy(r => r.ReceivedAt);
        Assert.Contains("shop/repeat-pod-00 (seen 6 times)", lastUpdate?.Text ?? "(no update)", StringComparison.Ordinal);
        Assert.Equal(0, scenario.Trap.Connections);
        Report("15 distinct + 5 repeats + 3 redeliveries of each of the 20 messages, Slack failing its first 10 calls", clock.Elapsed, scenario, 15);
    }

    [SkippableFact]
    public async Task OneInstanceKilledMidStream_EveryEventOnce()
    {
        await using var scenario = await SharedStateScenario.StartAsync(pubsub.Emulator(), firestore.Emulator());
        scenario.Slack.Default = _ => SlackReply.Json("""{"ok":true,"channel":"C0E2EALERTS","ts":"1700000003.000100"}""") with { Delay = TimeSpan.FromMilliseconds(100) };
        var pods = Enumerable.Range(1, 12).Select(i => $"killed-pod-{i:D2}").ToList();
        var clock = Stopwatch.StartNew();

        var ids = await scenario.PublishAsync(pods.Select((pod, i) => TestEntries.Distinct("keep-evicted", pod, "orders", i)));
        await Eventually.HoldsAsync(() => scenario.Slack.Delivered.Count >= 3, TimeSpan.FromSeconds(60), () => $"{scenario.Slack.Delivered.Count} of 3 messages delivered to Slack before the kill");
        await scenario.Functions[1].KillAsync();
        await scenario.WaitForOutcomesAsync(ids, Patience);

        Assert.All(pods, pod => Assert.Equal(1, scenario.PostsNaming(pod)));
        Assert.Equal(0, scenario.Trap.Connections);
        Report("12 distinct, one of three instances killed (SIGKILL) after Slack's third post", clock.Elapsed, scenario, 12);
    }

    [SkippableFact]
    public async Task ThousandEventsInOneBurst_OnThreeInstances_AllAccountedFor_NoneTwice()
    {
        await using var scenario = await SharedStateScenario.StartAsync(pubsub.Emulator(), firestore.Emulator());
        var entries = Enumerable.Range(0, 1000).Select(i => TestEntries.Distinct("keep-evicted", $"burst-{i:D4}", $"team-{i % 10}", i % 60)).ToList();
        var clock = Stopwatch.StartNew();

        var ids = await scenario.PublishAsync(entries);
        await scenario.WaitForOutcomesAsync(ids, TimeSpan.FromSeconds(240));

        var posts = scenario.Slack.Delivered.Where(r => r.Path == "/api/chat.postMessage").ToList();
        var inSummaries = posts.Select(p => SummaryHeader().Match(p.Text)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var alone = posts.Count(p => !SummaryHeader().IsMatch(p.Text));
        Assert.Equal(1000, alone + inSummaries);
        var named = posts.SelectMany(p => BurstPod().Matches(p.Text).Select(m => m.Value).Distinct()).GroupBy(name => name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(named);
        Assert.Equal(0, scenario.Trap.Connections);
        Report($"1,000 Evicted in one burst ({alone} alone, {inSummaries} in summaries)", clock.Elapsed, scenario, 1000);
    }

    private void Report(string scenarioName, TimeSpan elapsed, SharedStateScenario scenario, int events)
    {
        var outcomes = scenario.Lines.Where(l => l.IsFinalOutcome).GroupBy(l => l.MessageId).Count();
        var fallbacks = scenario.Lines.Count(l => l.Message.StartsWith("The shared alert state is unavailable", StringComparison.Ordinal));
        var line = $"{scenarioName}: {events} events, 0 lost, 0 doubled, {outcomes} messages handled, {scenario.Slack.Requests.Count} Slack calls " +
            $"({scenario.Slack.Delivered.Count} accepted), {fallbacks} fallbacks to memory, {elapsed.TotalSeconds:0.0} s";
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("SHARED_STATE_REPORT") is { Length: > 0 } file)
        {
            File.AppendAllText(file, line + Environment.NewLine);
        }
    }

    [GeneratedRegex(@"^(\d+) alerts in \d+ s", RegexOptions.Multiline)]
    private static partial Regex SummaryHeader();

    [GeneratedRegex(@"burst-\d{4}")]
    private static partial Regex BurstPod();
}
