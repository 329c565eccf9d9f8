using System.Globalization;
using System.Text.RegularExpressions;
using GkeEventNotifier.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>
/// A webhook receiver's groups, kept in the alert state, behave on three instances as on one: alerts of one group that
/// arrive at once on different instances are numbered once each, so the counters and the doubling summary points each
/// reach Slack exactly once. Run on the memory store (instances sharing one store) and on the Firestore emulator.
/// </summary>
public abstract partial class WebhookGroupsAcrossInstancesContract : FakeSlackOnFakeClock
{
    private const int Instances = 3;

    /// <summary>Settings of every instance: a burst threshold of 3, and no pacing wait (the clock is fake).</summary>
    protected static readonly Dictionary<string, string?> Grouping = new()
    {
        ["ALERT_BURST_THRESHOLD"] = "3",
        ["SLACK_BURST"] = "100",
    };

    /// <summary>One instance of the function; all the instances of one test share their alert state.</summary>
    private protected abstract PipelineHarness Instance(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure = null);

    [SkippableFact]
    public async Task TwelveAlertsOfOneGroupAtOnce_OnThreeInstances_PostEachCounterOnce_AsOneInstanceWould()
    {
        var instances = Enumerable.Range(0, Instances).Select(_ => Instance(Grouping)).ToList();
        try
        {
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => instances[i % Instances].SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(i))))));

            Assert.All(outcomes, outcome => Assert.Equal(Model.OutcomeKind.Alerted, outcome.Kind));
            var texts = Slack.Requests.Select(r => r.Json!.Value.GetProperty("text").GetString()!).ToList();
            var counters = texts.Select(text => Counter().Match(text)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Single(texts, text => text.StartsWith(":red_circle: Evicted", StringComparison.Ordinal)); // the group's first alert, once
            Assert.Equal([2, 3, 4, 6, 12], counters); // as one instance posts them: each alert up to 3, then 3+1, 2×3, 4×3
            Assert.Equal(6, texts.Count);
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task AlertSlackRefuses_GivesItsTurnBack_SoTheNextOneOnAnotherInstanceOpensTheGroup()
    {
        await using var one = Instance(Grouping);
        await using var two = Instance(Grouping);
        Slack.Then(new SlackReply(400, "invalid_payload"), new SlackReply(400, "invalid_payload")); // the alert, then its plain text

        await Assert.ThrowsAsync<Model.Slack.SlackPayloadException>(() => one.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(0))));
        await two.SendAsync(TestEntries.Evicted(TestEntries.CheckoutPod(1)));

        var delivered = Assert.Single(Slack.Delivered);
        Assert.StartsWith(":red_circle: Evicted", delivered.Json!.Value.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(TestEntries.CheckoutPod(1), delivered.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(\d+) pods Evicted on ")]
    private static partial Regex Counter();
}
