namespace GkeEventNotifier.Tests.Deploy;

/// <summary>The README's <c>gcloud functions deploy</c> command, and the build environment it gives the buildpack.</summary>
internal sealed class ReadmeDeployCommand
{
    private ReadmeDeployCommand(string command)
    {
        Command = command;
        Arguments = ReadmeGcloudCommands.Arguments(command);
        BuildEnvironment = Dict("--set-build-env-vars=");
        Secrets = Dict("--set-secrets=");
        Environment = Dict("--set-env-vars=");
    }

    public string Command { get; }

    public IReadOnlyList<string> Arguments { get; }

    public IReadOnlyDictionary<string, string> BuildEnvironment { get; }

    public IReadOnlyDictionary<string, string> Secrets { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public static ReadmeDeployCommand Read() =>
        new(Assert.Single(
            ReadmeGcloudCommands.Read(File.ReadAllText(RepositoryRoot.Combine("README.md"))),
            command => command.StartsWith("gcloud functions deploy ", StringComparison.Ordinal)));

    /// <summary>A dict flag's pairs (the README's values hold no commas, so no alternate delimiter is needed there).</summary>
    private Dictionary<string, string> Dict(string flag) => Arguments
        .Where(a => a.StartsWith(flag, StringComparison.Ordinal))
        .SelectMany(a => a[flag.Length..].Split(','))
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : "", StringComparer.Ordinal);
}
