using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>
/// 1,000 events in one burst through emulator, function and fake Slack: every event alerted, filtered or counted in a
/// summary; Slack called within its rate limit; memory bounded. scripts/load-test.sh runs this and prints the figures.
/// </summary>
[Collection(EmulatorTestGroup.Name)]
public sealed partial class LoadTests(EmulatorFixture fixture, ITestOutputHelper output)
{
    private const int Events = 1000;

    /// <summary>Five kinds kept by the default filter, three dropped by it.</summary>
    private static readonly string[] Kept = ["keep-evicted", "keep-oomkilling", "keep-backofflimitexceeded", "keep-failed-errimagepull", "keep-scaledown"];
    private static readonly string[] Tier3 = ["chat.update", "conversations.history", "conversations.replies"];
    private static readonly string[] Dropped = ["drop-normal-pulled", "drop-scaledown-kube-system", "drop-failed-cannot-find-volume"];

    [SkippableFact]
    public async Task ThousandEventsInOneBurst_AreAllAccountedFor_WithinSlacksRateLimit_InBoundedMemory()
    {
        await using var scenario = await Scenario.StartAsync(fixture.Emulator());
        var entries = Enumerable.Range(0, Events).Select(Entry).ToList();
        var keptCount = Enumerable.Range(0, Events).Count(i => i % 8 < Kept.Length);

        var clock = Stopwatch.StartNew();
        var ids = await scenario.Emulator.PublishAsync(scenario.Topic, entries.Select(e => e.Json));
        await scenario.WaitForOutcomesAsync(ids, TimeSpan.FromSeconds(150));
        clock.Stop();

        var outcomes = FinalOutcomes(scenario.Function.Lines);
        // A summary of more than 60 alerts lists them all in its thread: those replies name alerts, they are not more of them.
        var posts = scenario.Slack.Delivered.Where(r => r.Path == "/api/chat.postMessage" && !SummaryListing().IsMatch(r.Text)).ToList();
        var summaries = posts.Select(p => SummaryHeader().Match(p.Text)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var alertsInSlack = posts.Count - summaries.Count + summaries.Sum();
        var peak = scenario.Function.PeakMemoryMiB();
        Report(clock.Elapsed, scenario.Slack.Requests, summaries, peak, outcomes);

        Assert.Equal(Events, outcomes.Count);
        Assert.Equal(Events - keptCount, outcomes.Values.Count(o => o == "filtered"));
        Assert.Equal(keptCount, alertsInSlack);
        Assert.NotEmpty(summaries);
        // Slack limits each API method on its own (docs "Rate limits": per method, per workspace, per app). Posting
        // (chat.postMessage, webhooks) is the special tier: about one message a second per channel, short bursts allowed;
        // that is what the pacer's lanes spend, so posts are held to the burst (3) plus one in any second. chat.update,
        // conversations.history and conversations.replies are Tier 3 (50+ a minute each): they never take a post's slot,
        // and each is held to its own limit instead.
        var postCalls = scenario.Slack.Requests.Where(r => r.Path == "/api/chat.postMessage").ToList();
        Assert.True(MostCalls(postCalls, TimeSpan.FromSeconds(1)) <= 4, "Slack took more posts in one second than the burst allows");
        foreach (var method in Tier3)
        {
            var calls = scenario.Slack.Requests.Where(r => r.Path == "/api/" + method).ToList();
            Assert.True(MostCalls(calls, TimeSpan.FromMinutes(1)) <= 50, $"{method} was called more often in a minute than its tier (Tier 3) allows");
        }

        Assert.True(peak < 400, $"peak RSS {peak:0} MiB");
        scenario.AssertNoSecretsLoggedAndLoopbackOnly();
    }

    private static (string Json, bool Kept) Entry(int i)
    {
        var kind = i % 8;
        return kind < Kept.Length
            ? (TestEntries.Distinct(Kept[kind], $"load-{i:D4}", $"team-{i % 10}", i % 60), true)
            : (TestEntries.Distinct(Dropped[kind - Kept.Length], $"load-{i:D4}", second: i % 60), false);
    }

    /// <summary>The last outcome the function logged for each message id: alerted, summarised, filtered or duplicate.</summary>
    private static Dictionary<string, string> FinalOutcomes(IEnumerable<FunctionLogLine> lines)
    {
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.IsFinalOutcome))
        {
            outcomes[line.MessageId!] =
                line.Message.Contains("alerted in a summary", StringComparison.Ordinal) ? "summarised"
                : line.Message.Contains(" alerted: ", StringComparison.Ordinal) ? "alerted"
                : line.Message.Contains("(Filtered)", StringComparison.Ordinal) ? "filtered"
                : line.Message.Contains("(Duplicate)", StringComparison.Ordinal) ? "duplicate"
                : "other: " + line.Message;
        }

        return outcomes;
    }

    /// <summary>The most calls within any <paramref name="span"/>.</summary>
    private static int MostCalls(IReadOnlyList<Fakes.RecordedRequest> requests, TimeSpan span)
    {
        var times = requests.Select(r => r.ReceivedAt).Order().ToList();
        var most = 0;
        for (var start = 0; start < times.Count; start++)
        {
            most = Math.Max(most, times.Skip(start).TakeWhile(t => t - times[start] < span).Count());
        }

        return most;
    }

    private void Report(TimeSpan elapsed, IReadOnlyList<Fakes.RecordedRequest> requests, List<int> summaries, double peakMiB, Dictionary<string, string> outcomes)
    {
        var slackCalls = requests.Count;
        var byMethod = string.Join(", ", requests.GroupBy(r => r.Path.Replace("/api/", "", StringComparison.Ordinal)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()} (at most {MostCalls(g.ToList(), TimeSpan.FromSeconds(1))} in a second, {MostCalls(g.ToList(), TimeSpan.FromMinutes(1))} in a minute)"));
        var byKind = string.Join(", ", outcomes.Values.GroupBy(v => v).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        var report = string.Join(Environment.NewLine,
            $"events published in one burst: {Events}",
            $"all handled after: {elapsed.TotalSeconds:0.0} s ({Events / elapsed.TotalSeconds:0} events/s through emulator, function and Slack)",
            $"outcomes: {byKind}",
            $"Slack calls: {slackCalls} (of which summaries: {summaries.Count}, standing for {string.Join(" + ", summaries)} alerts)",
            $"Slack calls by method: {byMethod}",
            $"function peak RSS (VmHWM): {peakMiB:0} MiB");
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("LOAD_REPORT") is { Length: > 0 } file)
        {
            File.WriteAllText(file, report + Environment.NewLine);
        }
    }

    [GeneratedRegex(@"^(\d+) alerts in \d+ s", RegexOptions.Multiline)]
    private static partial Regex SummaryHeader();

    [GeneratedRegex(@"^Alerts \d+–\d+ of \d+ in the summary:", RegexOptions.Multiline)]
    private static partial Regex SummaryListing();
}
