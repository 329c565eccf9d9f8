using GkeEventNotifier.Adapters.State;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Stages.Dedup;
using GkeEventNotifier.Tests.Slack;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GkeEventNotifier.Tests.Dedup;

/// <summary>
/// The dedup ledger over the alert state: window, carried counts, size bound, duplicates that arrive while the first
/// copy is in flight (on this instance or another one), claims of an instance that died, and what a record keeps.
/// </summary>
public sealed class AlertLedgerTests
{
    private static readonly SlackPostResult Posted = new("C0ALERTS", "1700000000.000001");
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-20T09:14:03Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly MemoryAlertStateStore store;

    public AlertLedgerTests()
    {
        store = new MemoryAlertStateStore(time, 10_000);
    }

    [Fact]
    public async Task RepeatAfterTheWindow_AlertsAgain_ShowingEveryOccurrenceSeen()
    {
        var ledger = Ledger(windowSeconds: 600);
        var first = Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(Keys("m1"), default));
        await ledger.ConfirmAsync(first.Claim, SlackPostResult.Unknown, inSummary: false, default);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.IsType<DedupDecision.Repeat>(await ledger.ClaimAsync(Keys("m2"), default));

        time.Advance(TimeSpan.FromMinutes(6));
        var again = Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(Keys("m3"), default));

        Assert.Equal(3, again.Occurrences);
    }

    [Fact]
    public async Task RedeliveryOfACountedRepeat_IsNotCountedAgain()
    {
        var ledger = Ledger(windowSeconds: 600);
        var first = Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(Keys("m1"), default));
        await ledger.ConfirmAsync(first.Claim, Posted, inSummary: false, default);
        Assert.Equal(2, Assert.IsType<DedupDecision.Repeat>(await ledger.ClaimAsync(Keys("m2"), default)).Occurrences);

        Assert.Equal(2, Assert.IsType<DedupDecision.Redelivery>(await ledger.ClaimAsync(Keys("m2"), default)).Occurrences);
        Assert.Equal(2, Assert.IsType<DedupDecision.Redelivery>(await ledger.ClaimAsync(Keys("m1"), default)).Occurrences);
    }

    [Fact]
    public async Task SizeCap_ForgetsTheOldestEventsFirst()
    {
        var small = new MemoryAlertStateStore(time, 100);
        var ledger = Ledger(windowSeconds: 600, on: small);
        for (var i = 0; i < 150; i++)
        {
            var claim = Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(Keys($"m{i}", $"uid-{i}"), default));
            await ledger.ConfirmAsync(claim.Claim, Posted, inSummary: false, default);
        }

        Assert.Equal(100, small.Count(AlertLedger.EventsCollection));
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
        await ledger.ConfirmAsync(first.Claim, Posted, inSummary: false, default);

        var repeat = Assert.IsType<DedupDecision.Repeat>(await second);
        Assert.Equal((2, Posted), (repeat.Occurrences, repeat.Post));
    }

    [Fact]
    public async Task DuplicateWhileTheFirstFails_TakesOverTheAlert()
    {
        var ledger = Ledger(windowSeconds: 600);
        var first = Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(Keys("m1"), default));

        var redelivery = ledger.ClaimAsync(Keys("m1"), default);
        await ledger.ReleaseAsync(first.Claim, default);

        Assert.IsType<DedupDecision.New>(await redelivery);
    }

    [Fact]
    public async Task ClaimOfAnotherInstance_IsAwaitedBriefly_ThenLeftToPubSub_AndLapsesAfterTheLease()
    {
        var dead = Ledger(windowSeconds: 600);
        var other = Ledger(windowSeconds: 600);
        Assert.IsType<DedupDecision.New>(await dead.ClaimAsync(Keys("m1"), default));

        var waiting = other.ClaimAsync(Keys("m1"), default);
        await AdvanceUntilAsync(waiting, TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<EventInFlightException>(() => waiting);

        time.Advance(TimeSpan.FromSeconds(60));
        var taken = Assert.IsType<DedupDecision.New>(await other.ClaimAsync(Keys("m1"), default));
        Assert.Equal(1, taken.Occurrences);
    }

    [Fact]
    public async Task ClaimOfAnotherInstance_ThatConfirms_MakesTheWaitingCopyARedelivery()
    {
        var first = Ledger(windowSeconds: 600);
        var second = Ledger(windowSeconds: 600);
        var claim = Assert.IsType<DedupDecision.New>(await first.ClaimAsync(Keys("m1"), default));

        var waiting = second.ClaimAsync(Keys("m1"), default);
        time.Advance(TimeSpan.FromMilliseconds(200));
        await first.ConfirmAsync(claim.Claim, Posted, inSummary: true, default);
        await AdvanceUntilAsync(waiting, TimeSpan.FromSeconds(2));

        Assert.Equal(new DedupDecision.Redelivery(1, InSummary: true), await waiting);
    }

    [Fact]
    public async Task LedgerRecord_KeepsKeysCountsAndTheSlackReference_NotTheAlert()
    {
        var huge = new string('x', 500_000);
        var entry = TestAlerts.From("keep-evicted", node => node["jsonPayload"]!["message"] = huge).Entry;
        var ledger = Ledger(windowSeconds: 600);
        var claim = Assert.IsType<DedupDecision.New>(await ledger.ClaimAsync(EventKeys.Of("m1", entry), default));
        await ledger.ConfirmAsync(claim.Claim, Posted, inSummary: false, default);

        var record = (await store.ReadAsync(claim.Claim.Record!, default))!.Record;
        var kept = record.Fields.Values.Sum(value => value switch
        {
            string text => text.Length,
            System.Collections.Immutable.ImmutableArray<string> list => list.Sum(item => item.Length),
            _ => 8,
        });
        Assert.InRange(kept, 1, 400);
        Assert.Equal((Posted.Channel, Posted.Ts), (record.Text("channel"), record.Text("ts")));
    }

    private async Task AdvanceUntilAsync(Task task, TimeSpan limit)
    {
        for (var waited = TimeSpan.Zero; !task.IsCompleted && waited <= limit; waited += TimeSpan.FromMilliseconds(100))
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    private AlertLedger Ledger(int windowSeconds, MemoryAlertStateStore? on = null) =>
        new(
            on ?? store,
            Options.Create(new DedupOptions { WindowSeconds = windowSeconds }),
            Options.Create(new AlertStateOptions { LeaseSeconds = 60 }),
            time,
            NullLogger<AlertLedger>.Instance);

    private static EventKeys Keys(string messageId, string uid = "892f902b-d23f-4824-928b-2f330c5c7fd0") =>
        EventKeys.Of(messageId, TestAlerts.From("keep-evicted", node => node["jsonPayload"]!["metadata"]!["uid"] = uid).Entry);
}
