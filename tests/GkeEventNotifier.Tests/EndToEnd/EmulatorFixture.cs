namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>
/// One Pub/Sub emulator for every end-to-end test (it takes seconds to start). Without gcloud the tests skip, saying how
/// to install it; in CI (<c>CI=true</c>) a missing or broken emulator fails them instead, so CI can never pass by skipping.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string InstallHint =
        "The Pub/Sub emulator is needed: apt-get install google-cloud-cli google-cloud-cli-pubsub-emulator (Java 11+), " +
        "or gcloud components install pubsub-emulator beta.";

    private PubSubEmulator? emulator;
    private string? unavailable;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        if (!OnPath("gcloud"))
        {
            unavailable = "gcloud is not on PATH.";
            return;
        }

        try
        {
            emulator = await PubSubEmulator.StartAsync();
        }
        catch (InvalidOperationException e)
        {
            unavailable = e.Message;
        }
    }

    /// <summary>The running emulator; skips the test (fails it in CI) when there is none.</summary>
    public PubSubEmulator Emulator()
    {
        if (emulator is null && InCi)
        {
            throw new InvalidOperationException($"CI=true and the Pub/Sub emulator is not available: {unavailable} {InstallHint}");
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

    internal static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}

[CollectionDefinition(Name)]
public sealed class EmulatorTestGroup : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "Pub/Sub emulator";
}
