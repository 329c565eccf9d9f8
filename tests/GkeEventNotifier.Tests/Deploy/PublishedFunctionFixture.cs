namespace GkeEventNotifier.Tests.Deploy;

/// <summary>
/// The function published once per test run the way the .NET buildpack publishes it for the README's deploy command:
/// the files gcloud would upload are copied to a temporary directory, then <c>dotnet restore PROJECT</c> and
/// <c>dotnet publish -nologo --verbosity minimal --configuration Release --output DIR --no-restore PROJECT
/// $GOOGLE_BUILD_ARGS</c> run with the command's build environment (PROJECT is its GOOGLE_BUILDABLE). The buildpack
/// also passes <c>--packages LAYER</c>; the machine's package cache stands in for that layer so the test does not
/// download every package again.
/// </summary>
public sealed class PublishedFunctionFixture : IAsyncLifetime
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    private DirectoryInfo? _workspace;

    /// <summary>Why the publish could not run here (a tool is missing), or null.</summary>
    public string? SkipReason { get; private set; }

    public string DotnetPath { get; private set; } = "";

    public string PublishDirectory { get; private set; } = "";

    public async Task InitializeAsync()
    {
        try
        {
            DotnetPath = ExternalTool.Require("dotnet", "install the .NET 10 SDK (https://dot.net) to run this check");
            using var gcloud = Gcloud.Require();
            _workspace = Directory.CreateTempSubdirectory("buildpack-publish-");
            var source = await CopyUploadAsync(gcloud, Path.Combine(_workspace.FullName, "source"));
            PublishDirectory = Path.Combine(_workspace.FullName, "bin");
            await PublishAsync(source);
        }
        catch (SkipException e)
        {
            SkipReason = e.Message;
        }
    }

    public Task DisposeAsync()
    {
        _workspace?.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<string> CopyUploadAsync(Gcloud gcloud, string destination)
    {
        foreach (var file in await gcloud.FilesForUploadAsync(RepositoryRoot.Path, CancellationToken.None))
        {
            var target = Path.Combine(destination, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(RepositoryRoot.Combine(file), target);
        }

        return destination;
    }

    private async Task PublishAsync(string source)
    {
        var build = ReadmeDeployCommand.Read().BuildEnvironment;
        var project = build["GOOGLE_BUILDABLE"];
        var buildArgs = build.GetValueOrDefault("GOOGLE_BUILD_ARGS", "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var environment = build.Where(v => !v.Key.StartsWith("GOOGLE_", StringComparison.Ordinal))
            .ToDictionary(v => v.Key, string? (v) => v.Value);
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";

        await DotnetAsync(source, ["restore", project], environment);
        await DotnetAsync(source, [
            "publish", "-nologo", "--verbosity", "minimal", "--configuration", "Release",
            "--output", PublishDirectory, "--no-restore", project, .. buildArgs,
        ], environment);
    }

    private async Task DotnetAsync(string workingDirectory, string[] arguments, Dictionary<string, string?> environment)
    {
        var result = await ExternalTool.RunAsync(DotnetPath, arguments, workingDirectory, environment, StepTimeout, CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed as the buildpack would:\n{result}");
        }
    }
}
