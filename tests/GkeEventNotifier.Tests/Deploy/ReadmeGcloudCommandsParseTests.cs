namespace GkeEventNotifier.Tests.Deploy;

public sealed class ReadmeGcloudCommandsParseTests
{
    private const string NoCredentials = "You do not currently have an active account selected";

    private const string FunctionProject = "src/GkeEventNotifier.Function/GkeEventNotifier.Function.csproj";

    public static TheoryData<string> Commands() =>
        [.. ReadmeGcloudCommands.Read(File.ReadAllText(RepositoryRoot.Combine("README.md")))];

    [SkippableTheory]
    [MemberData(nameof(Commands))]
    public async Task ReadmeCommand_IsAcceptedByTheInstalledGcloud(string command)
    {
        using var gcloud = Gcloud.Require();

        var result = await gcloud.RunAsync(ReadmeGcloudCommands.Arguments(command), RepositoryRoot.Path, CancellationToken.None);

        // Without credentials a command gcloud understood stops at authentication; a wrong flag or value stops before.
        Assert.True(
            result.ExitCode == 0 || result.Output.Contains(NoCredentials, StringComparison.Ordinal),
            $"gcloud rejected a README command:\n{command}\n{result}");
    }

    [Fact]
    public void ReadmeDeployCommand_BuildsTheFunctionProjectAsAGen2FunctionWithRetriesAndTheSlackSecret()
    {
        var deploy = Assert.Single(
            ReadmeGcloudCommands.Read(File.ReadAllText(RepositoryRoot.Combine("README.md"))),
            command => command.StartsWith("gcloud functions deploy ", StringComparison.Ordinal));
        var arguments = ReadmeGcloudCommands.Arguments(deploy);

        Assert.Contains("--gen2", arguments);
        Assert.Contains("--runtime=dotnet10", arguments);
        Assert.Contains("--retry", arguments);
        Assert.Contains($"--set-build-env-vars=GOOGLE_BUILDABLE={FunctionProject}", arguments);
        Assert.Contains("--set-secrets=SLACK_BOT_TOKEN=gke-events-slack:latest", arguments);
        Assert.Contains(arguments, a => a.StartsWith("--trigger-topic=", StringComparison.Ordinal));
        Assert.Contains(arguments, a => a.StartsWith("--service-account=", StringComparison.Ordinal));
        Assert.True(File.Exists(RepositoryRoot.Combine(FunctionProject)), $"GOOGLE_BUILDABLE names a missing project: {FunctionProject}");
    }
}
