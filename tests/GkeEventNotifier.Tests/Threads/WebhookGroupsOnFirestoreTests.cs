using GkeEventNotifier.Model.State;
using GkeEventNotifier.Tests.AlertState;
using GkeEventNotifier.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>
/// The webhook groups contract with every instance on its own Firestore client against the emulator
/// (ALERT_STATE=firestore): skipped with a hint without the emulator, failed under CI=true.
/// </summary>
[Collection(FirestoreEmulatorTestGroup.Name)]
public sealed class WebhookGroupsOnFirestoreTests(FirestoreEmulatorFixture fixture) : WebhookGroupsAcrossInstancesContract
{
    /// <summary>A project of this test's own: the emulator keeps documents between tests.</summary>
    private readonly string project = $"groups-{Guid.NewGuid():N}"[..20];

    private protected override PipelineHarness Instance(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var emulator = fixture.Emulator();
        return PipelineHarness.Build(Time, FakeSlackServerSettings.Webhook(Slack).With(settings).With(new Dictionary<string, string?>
        {
            [AlertStateOptions.ModeVariable] = "firestore",
            [AlertStateOptions.EmulatorVariable] = emulator.HostPort,
            [AlertStateOptions.ProjectVariable] = project,
            [AlertStateOptions.TimeoutVariable] = "30", // correctness here, not latency: a loaded CI machine answers slowly
        }).Settings, configure);
    }
}
