using GkeEventNotifier.Dedup;
using GkeEventNotifier.Slack;
using GkeEventNotifier.Tests.Slack;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GkeEventNotifier.Tests.Dedup;

/// <summary>The dedup memory: window, carried counts, size bound, and duplicates that arrive while the first copy is in flight.</summary>
public sealed class AlertLedgerTests
{
    private static readonly SlackPostResult Posted = new("C0ALERTS", "1700000000.000001");
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-20T09:14:03Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task RepeatAfterTheWindow_AlertsAgain_ShowingEveryOccurrenceSeen()
    {
        var ledger = Ledger(windowSeconds: 600);
        var alert = TestAlerts.From("keep-evicted");
        var first = Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(Keys("m1"), default));
        ledger.Confirm(first.Claim, alert, SlackPostResult.Unknown);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.IsType<DedupDecision.Repeat>(await ledger.ClaimAsync(Keys("m2"), default));

        time.Advance(TimeSpan.FromMinutes(6));
        var again = Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(Keys("m3"), default));

        Assert.Equal(3, again.Occurrences);
    }

    [Fact]
    public async Task SizeCap_ForgetsTheOldestEventsFirst()
    {
        var ledger = Ledger(windowSeconds: 600, maxEvents: 100);
        for (var i = 0; i < 150; i++)
        {
            var claim = Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(Keys($"m{i}", $"uid-{i}"), default));
            ledger.Confirm(claim.Claim, TestAlerts.From("keep-evicted"), Posted);
        }

        Assert.Equal(100, ledger.Count);
        Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(Keys("again-0", "uid-0"), default));
        Assert.IsType<DedupDecision.Repeat>(await ledger.ClaimAsync(Keys("again-149", "uid-149"), default));
    }

    [Fact]
    public async Task DuplicateWhileTheFirstIsInFlight_WaitsAndBecomesARepeat()
    {
        var ledger = Ledger(windowSeconds: 600);
        var first = Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(Keys("m1"), default));

        var second = ledger.ClaimAsync(Keys("m2"), default);
        Assert.False(second.IsCompleted);
        ledger.Confirm(first.Claim, TestAlerts.From("keep-evicted"), Posted);

        var repeat = Assert.IsType<DedupDecision.Repeat>(await second);
        Assert.Equal((2, Posted), (repeat.Occurrences, repeat.Post));
    }

    [Fact]
    public async Task DuplicateWhileTheFirstFails_TakesOverTheAlert()
    {
        var ledger = Ledger(windowSeconds: 600);
        var first = Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(Keys("m1"), default));

        var redelivery = ledger.ClaimAsync(Keys("m1"), default);
        ledger.Release(first.Claim);

        Assert.IsType<DedupDecision.New>(await redelivery);
    }

    private AlertLedger Ledger(int windowSeconds, int maxEvents = 10_000) =>
        new(Options.Create(new DedupOptions { WindowSeconds = windowSeconds, MaxEvents = maxEvents }), time);

    private static EventKeys Keys(string messageId, string uid = "892f902b-d23f-4824-928b-2f330c5c7fd0") =>
        EventKeys.Of(messageId, TestAlerts.From("keep-evicted", node => node["jsonPayload"]!["metadata"]!["uid"] = uid).Entry);
}
