using GkeEventNotifier.Adapters.State.Firestore;
using GkeEventNotifier.Adapters.State;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Stages.Dedup;
using GkeEventNotifier.Tests.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Tests.AlertState;

/// <summary>
/// The Firestore store against the real emulator, wired as the function wires it (ALERT_STATE=firestore): the shared
/// contract, and two instances' ledgers claiming one event at the same instant, many times.
/// </summary>
[Collection(FirestoreEmulatorTestGroup.Name)]
public sealed class FirestoreAlertStateStoreTests(FirestoreEmulatorFixture fixture) : AlertStateStoreContract
{
    private readonly Lazy<ServiceProvider> instance = new(() => Instance(fixture.Emulator()));

    /// <summary>The Firestore store itself: through the fallback, memory would answer for it if it failed.</summary>
    private protected override IAlertStateStore Store => instance.Value.GetRequiredService<FirestoreAlertStateStore>();

    [SkippableFact]
    public void FirestoreSetting_WiresFirestoreWithMemoryBehindIt()
    {
        Assert.IsType<FallbackAlertStateStore>(instance.Value.GetRequiredService<IAlertStateStore>());
    }

    [SkippableFact]
    public async Task TwoInstancesClaimingOneEventAtTheSameInstant_ExactlyOnePosts_ManyTimes()
    {
        var emulator = fixture.Emulator();
        await using var one = Instance(emulator);
        await using var two = Instance(emulator);
        var ledgers = new[] { one.GetRequiredService<AlertLedger>(), two.GetRequiredService<AlertLedger>() };
        for (var round = 0; round < 25; round++)
        {
            var keys = EventKeys.Of($"message-{round}", TestAlerts.From("keep-evicted", node => node["jsonPayload"]!["metadata"]!["uid"] = $"race-{Guid.NewGuid():N}").Entry);
            using var start = new ManualResetEventSlim();
            var claims = ledgers.Select(ledger => Task.Run(async () =>
            {
                start.Wait();
                return await ledger.ClaimAsync(keys, default);
            })).ToArray();
            start.Set();

            var first = await Task.WhenAny(claims);
            var winner = Assert.IsType<DedupDecision.New>(await first);
            await ledgers[Array.IndexOf(claims, first)].ConfirmAsync(winner.Claim, new SlackPostResult("C0ALERTS", "1.000001"), inSummary: false, default);
            var other = await claims.Single(claim => claim != first);

            Assert.Equal(new DedupDecision.Redelivery(1, InSummary: false), other);
        }
    }

    private static ServiceProvider Instance(FirestoreEmulator emulator) =>
        new ServiceCollection()
            .AddLogging()
            .AddGkeEventNotifier(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [AlertStateOptions.ModeVariable] = "firestore",
                [AlertStateOptions.EmulatorVariable] = emulator.HostPort,
                [AlertStateOptions.ProjectVariable] = FirestoreEmulator.Project,
                [AlertStateOptions.TimeoutVariable] = "30", // correctness here, not latency: a loaded CI machine answers slowly
            }).Build())
            .BuildServiceProvider();
}
