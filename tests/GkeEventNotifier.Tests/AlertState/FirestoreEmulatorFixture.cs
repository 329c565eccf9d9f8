using GkeEventNotifier.Tests.EndToEnd;

namespace GkeEventNotifier.Tests.AlertState;

/// <summary>
/// One Firestore emulator for the tests that need it (it takes seconds to start). Without gcloud or the emulator the
/// tests skip, saying how to install it; in CI (<c>CI=true</c>) they fail instead, so CI can never pass by skipping.
/// </summary>
public sealed class FirestoreEmulatorFixture : IAsyncLifetime
{
    public const string InstallHint =
        "The Firestore emulator is needed: apt-get install google-cloud-cli google-cloud-cli-firestore-emulator (Java 11+), " +
        "or gcloud components install cloud-firestore-emulator.";

    private FirestoreEmulator? emulator;
    private string? unavailable;

    public async Task InitializeAsync()
    {
        if (!EmulatorFixture.OnPath("gcloud"))
        {
            unavailable = "gcloud is not on PATH.";
            return;
        }

        try
        {
            emulator = await FirestoreEmulator.StartAsync();
        }
        catch (InvalidOperationException e)
        {
            unavailable = e.Message;
        }
    }

    /// <summary>The running emulator; skips the test (fails it in CI) when there is none.</summary>
    public FirestoreEmulator Emulator()
    {
        if (emulator is null && EmulatorFixture.InCi)
        {
            throw new InvalidOperationException($"CI=true and the Firestore emulator is not available: {unavailable} {InstallHint}");
        }

        Skip.If(emulator is null, $"{unavailable} {InstallHint}");
        return emulator!;
    }

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FirestoreEmulatorTestGroup : ICollectionFixture<FirestoreEmulatorFixture>
{
    public const string Name = "Firestore emulator";
}
