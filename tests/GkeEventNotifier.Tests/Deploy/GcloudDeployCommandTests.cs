namespace GkeEventNotifier.Tests.Deploy;

/// <summary>
/// terraform/modules/gcloud-deploy-command (what the gcloud_deploy_command output prints) with values that break naive
/// quoting: commas (gcloud's dict syntax), spaces and quotes (the shell), a dollar sign, and the delimiters themselves.
/// The printed text is run by bash, split into words exactly as a reader's shell would, and each dict flag is parsed by
/// gcloud's own parser; then the whole command is run through gcloud, which must stop at authentication.
/// </summary>
public sealed class GcloudDeployCommandTests
{
    private static readonly Dictionary<string, string> BuildEnvironment = new(StringComparer.Ordinal)
    {
        ["GOOGLE_BUILDABLE"] = "src/GkeEventNotifier.Function/GkeEventNotifier.Function.csproj",
        ["GOOGLE_BUILD_ARGS"] = "-p:A=1,-p:B=2",
    };

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["SLACK_CHANNEL"] = "C0123456789",
        ["GREETING"] = "it's \"quoted\", with $HOME, a|pipe and an @",
        ["EVENT_FILTER_FILE"] = "/etc/gke-events/filter/event.filter",
    };

    private static readonly Dictionary<string, string> Secrets = new(StringComparer.Ordinal)
    {
        ["SLACK_BOT_TOKEN"] = "gke-events-slack:latest",
        ["/etc/gke-events/filter/event.filter"] = "gke-events-filter:latest",
        ["/etc/gke-events/routing/notifier-config.yaml"] = "gke-events-routing:latest",
    };

    [SkippableFact]
    public async Task PrintedCommand_ReachesGcloudWithEveryValueIntact()
    {
        var terraform = Terraform.Require();
        using var gcloud = Gcloud.Require();
        var command = await CommandAsync(terraform);

        var words = await ShellWordsAsync(gcloud, command);

        Assert.Equal(["functions", "deploy", "gke-event-notifier", "--gen2", "--project=sample-project", "--region=europe-west1", "--trigger-topic=gke-events"], words.Take(7));
        Assert.Equal(BuildEnvironment, await gcloud.ParseDictFlagAsync(Value(words, "--set-build-env-vars="), CancellationToken.None));
        Assert.Equal(Secrets, await gcloud.ParseDictFlagAsync(Value(words, "--set-secrets="), CancellationToken.None));
        Assert.Equal(Environment, await gcloud.ParseDictFlagAsync(Value(words, "--set-env-vars="), CancellationToken.None));
    }

    [SkippableFact]
    public async Task PrintedCommand_IsAcceptedByTheInstalledGcloud()
    {
        var terraform = Terraform.Require();
        using var gcloud = Gcloud.Require();
        var command = await CommandAsync(terraform);

        var result = await gcloud.RunShellAsync($"{command} --quiet", RepositoryRoot.Path, CancellationToken.None);

        Assert.Contains("You do not currently have an active account selected", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PlainValues_StayReadable_WithoutQuotesOrAlternateDelimiter()
    {
        var terraform = Terraform.Require();

        var outputs = await OfflineModule.ApplyAsync(terraform, "gcloud-deploy-command", """
              function_name = "gke-event-notifier"
              flags         = ["--region=europe-west1"]
              dict_flags    = [{ flag = "--set-env-vars", values = { SLACK_CHANNEL = "C0123456789", KUBERNETES_TIMEOUT_SECONDS = "10" } }]
            """, CancellationToken.None);

        Assert.Equal(
            "gcloud functions deploy gke-event-notifier \\\n  --gen2 \\\n  --region=europe-west1 \\\n  --set-env-vars=KUBERNETES_TIMEOUT_SECONDS=10,SLACK_CHANNEL=C0123456789",
            outputs.GetProperty("command").GetString());
    }

    private static async Task<string> CommandAsync(Terraform terraform)
    {
        var inputs = $$"""
              function_name = "gke-event-notifier"
              flags         = ["--project=sample-project", "--region=europe-west1", "--trigger-topic=gke-events", "--runtime=dotnet10", "--source=.", "--entry-point=GkeEventNotifier.Function"]
              dict_flags = [
                { flag = "--set-build-env-vars", values = {{Map(BuildEnvironment)}} },
                { flag = "--set-secrets", values = {{Map(Secrets)}} },
                { flag = "--set-env-vars", values = {{Map(Environment)}} },
              ]
            """;
        var outputs = await OfflineModule.ApplyAsync(terraform, "gcloud-deploy-command", inputs, CancellationToken.None);
        return outputs.GetProperty("command").GetString()!;
    }

    /// <summary>The words bash hands to gcloud (a shell function named gcloud prints them, NUL-separated).</summary>
    private static async Task<List<string>> ShellWordsAsync(Gcloud gcloud, string command)
    {
        var result = await gcloud.RunShellAsync($"gcloud() {{ printf '%s\\0' \"$@\"; }}\n{command}", RepositoryRoot.Path, CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static string Value(List<string> words, string flag) =>
        Assert.Single(words, w => w.StartsWith(flag, StringComparison.Ordinal))[flag.Length..];

    private static string Map(Dictionary<string, string> values) =>
        "{ " + string.Join(", ", values.Select(p => $"{OfflineModule.Quote(p.Key)} = {OfflineModule.Quote(p.Value)}")) + " }";
}
