namespace GkeEventNotifier.Tests.Deploy.ProviderSchema;

/// <summary>
/// `terraform validate` needs providers this suite cannot download; the schema they would bring is checked here instead,
/// from the npm package generated out of it (see <see cref="ProviderSchemaPackage"/>), with the 7.x differences of
/// <see cref="Provider7Differences"/> applied. The broken copies prove the checker catches each kind of mistake.
/// </summary>
public sealed class ProviderSchemaCheckTests
{
    private static readonly string ModuleDirectory = RepositoryRoot.Combine("terraform", "modules", "gke-event-notifier");

    [SkippableFact]
    public async Task EveryGoogleResourceUnderTerraform_MatchesTheProviderSchema()
    {
        var checker = await CheckerAsync();

        foreach (var path in TerraformFiles())
        {
            checker.CheckFile(path, Path.GetRelativePath(RepositoryRoot.Path, path));
        }

        Assert.Empty(checker.Findings);
        Assert.True(checker.CheckedResources >= 20, $"only {checker.CheckedResources} google resources were checked");
        Assert.All(checker.Unchecked, entry => Assert.Contains("archive_file", entry, StringComparison.Ordinal));
    }

    /// <summary>Each row: a module file, a text it holds, the mistake that replaces it, and what the checker must say.</summary>
    [SkippableTheory]
    [InlineData("function.tf", "entry_point           =", "entry_points          =", "entry_points: unknown argument")]
    [InlineData("secret.tf", "    auto {}", "    auto = {}", "auto is a block")]
    [InlineData("main.tf", "  labels                     = var.labels\n\n  depends_on", "  labels {\n  }\n\n  depends_on", "labels is an argument")]
    [InlineData("iam.tf", "  role    = \"roles/run.builder\"\n", "", "build_builds_functions\": missing required argument role")]
    [InlineData("secret.tf", "  replication {\n    auto {}\n  }\n\n  depends_on = [google_project_service.enabled]\n}\n\nresource \"google_secret_manager_secret\" \"filter\"", "  depends_on = [google_project_service.enabled]\n}\n\nresource \"google_secret_manager_secret\" \"filter\"", "\"slack\": missing required block replication")]
    [InlineData("function.tf", "\"RETRY_POLICY_RETRY\"", "\"RETRY_ALWAYS\"", "retry_policy = \"RETRY_ALWAYS\": not one of the provider's values")]
    [InlineData("secret.tf", "deletion_policy = \"DISABLE\"", "deletion_policy = \"KEEP\"", "deletion_policy = \"KEEP\": not one of the provider's values (DELETE, DISABLE, ABANDON)")]
    [InlineData("main.tf", "ack_deadline_seconds       = 60", "ack_deadline_seconds       = \"sixty\"", "ack_deadline_seconds = \"sixty\": the provider expects a number value")]
    [InlineData("main.tf", "resource \"google_pubsub_topic\" \"dead_letter\"", "resource \"google_pubsub_topics\" \"dead_letter\"", "unknown resource type google_pubsub_topics")]
    public async Task Checker_FlagsADeliberatelyBrokenCopy(string file, string original, string broken, string finding)
    {
        var findings = await CheckBrokenCopyAsync(file, original, broken);

        Assert.Contains(findings, f => f.Contains(finding, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Checker_AppliesThe7xDifferences_EventTypeRequiredAndServiceReadOnly()
    {
        var withoutEventType = await CheckBrokenCopyAsync(
            "function.tf", "    event_type            = \"google.cloud.pubsub.topic.v1.messagePublished\"\n", "");
        var withService = await CheckBrokenCopyAsync(
            "function.tf", "    available_memory                 = var.available_memory", "    service = \"x\"\n    available_memory                 = var.available_memory");

        Assert.Contains(withoutEventType, f => f.Contains("event_trigger: missing required argument event_type", StringComparison.Ordinal));
        Assert.Contains(withService, f => f.Contains("service: unknown argument", StringComparison.Ordinal));
    }

    private static async Task<TerraformSchemaChecker> CheckerAsync() =>
        new(new CdktfProviderSchema(await ProviderSchemaPackage.RequireAsync(CancellationToken.None)));

    /// <summary>Checks a copy of one module file with one deliberate mistake; the original must hold the text it replaces.</summary>
    private static async Task<List<string>> CheckBrokenCopyAsync(string file, string original, string broken)
    {
        var checker = await CheckerAsync();
        var text = await File.ReadAllTextAsync(Path.Combine(ModuleDirectory, file));
        Assert.Contains(original, text, StringComparison.Ordinal);
        var copy = Path.Combine(Directory.CreateTempSubdirectory("tf-broken-").FullName, file);
        try
        {
            await File.WriteAllTextAsync(copy, text.Replace(original, broken, StringComparison.Ordinal));
            checker.CheckFile(copy, file);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }

        Assert.NotEmpty(checker.Findings);
        return checker.Findings;
    }

    private static IEnumerable<string> TerraformFiles() =>
        Directory.EnumerateFiles(RepositoryRoot.Combine("terraform"), "*.tf", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
