namespace GkeEventNotifier.Tests.Deploy;

/// <summary>The README's <c>gcloud functions deploy</c> command, and the build environment it gives the buildpack.</summary>
internal sealed class ReadmeDeployCommand
{
    private const string BuildEnvironmentFlag = "--set-build-env-vars=";

    private ReadmeDeployCommand(string command)
    {
        Command = command;
        Arguments = ReadmeGcloudCommands.Arguments(command);
        BuildEnvironment = Arguments
            .Where(a => a.StartsWith(BuildEnvironmentFlag, StringComparison.Ordinal))
            .SelectMany(a => a[BuildEnvironmentFlag.Length..].Split(','))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : "", StringComparer.Ordinal);
    }

    public string Command { get; }

    public IReadOnlyList<string> Arguments { get; }

    public IReadOnlyDictionary<string, string> BuildEnvironment { get; }

    public static ReadmeDeployCommand Read() =>
        new(Assert.Single(
            ReadmeGcloudCommands.Read(File.ReadAllText(RepositoryRoot.Combine("README.md"))),
            command => command.StartsWith("gcloud functions deploy ", StringComparison.Ordinal)));
}
