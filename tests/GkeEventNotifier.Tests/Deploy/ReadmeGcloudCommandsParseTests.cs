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
        var deploy = ReadmeDeployCommand.Read();

        Assert.Contains("--gen2", deploy.Arguments);
        Assert.Contains("--runtime=dotnet10", deploy.Arguments);
        Assert.Contains("--retry", deploy.Arguments);
        Assert.Equal("gke-events-slack:latest", deploy.Secrets.GetValueOrDefault("SLACK_BOT_TOKEN"));
        Assert.Contains(deploy.Arguments, a => a.StartsWith("--trigger-topic=", StringComparison.Ordinal));
        Assert.Contains(deploy.Arguments, a => a.StartsWith("--service-account=", StringComparison.Ordinal));
        Assert.Equal(FunctionProject, deploy.BuildEnvironment.GetValueOrDefault("GOOGLE_BUILDABLE"));
        Assert.True(File.Exists(RepositoryRoot.Combine(FunctionProject)), $"GOOGLE_BUILDABLE names a missing project: {FunctionProject}");
    }

    [Fact]
    public void ReadmeDeployCommand_MountsTheSinksFilterWhereEventFilterFilePoints_AsTerraformDoes()
    {
        var deploy = ReadmeDeployCommand.Read();
        var terraformMain = string.Join(' ', File.ReadAllText(RepositoryRoot.Combine("terraform", "modules", "gke-event-notifier", "main.tf"))
            .Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

        var filterFile = deploy.Environment.GetValueOrDefault("EVENT_FILTER_FILE");

        Assert.Equal("/etc/gke-events/filter/event.filter", filterFile);
        Assert.Equal("gke-events-filter:latest", deploy.Secrets.GetValueOrDefault(filterFile!));
        Assert.Contains("filter_mount = { directory = \"/etc/gke-events/filter\", file = \"event.filter\" }", terraformMain, StringComparison.Ordinal);
        Assert.Contains("routing_mount = { directory = \"/etc/gke-events/routing\", file = \"notifier-config.yaml\" }", terraformMain, StringComparison.Ordinal);
        Assert.Contains(deploy.Arguments, a => a.StartsWith("--build-service-account=projects/", StringComparison.Ordinal));
    }
}
