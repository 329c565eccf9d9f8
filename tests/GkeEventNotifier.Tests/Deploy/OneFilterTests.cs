using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Filtering.Query;
using GkeEventNotifier.Tests.Deploy.ProviderSchema;

namespace GkeEventNotifier.Tests.Deploy;

/// <summary>
/// The sink and the function apply one query: terraform strips the filter file's comments once, gives that text to the
/// sink and stores the same text in the filter secret the function mounts at EVENT_FILTER_FILE.
/// </summary>
public sealed class OneFilterTests
{
    /// <summary>
    /// A quoted value spanning lines, one of which starts with <c>--</c>, a comment after a term, and a comment line
    /// holding a quote: the shapes whole-line comment stripping gets wrong.
    /// </summary>
    private const string TrickyFilter = """
        -- Alerts for the "payments" team
        log_id("events")
        jsonPayload.message:"first line
        -- second line of the same value, not a comment
        third line" -- a comment after a term
          -- an indented comment line
        severity>=WARNING
        """;

    [SkippableFact]
    public async Task SinkFilterTerraformComputes_ParsesToTheSameQueryAsTheFunctionsFilterFile()
    {
        var terraform = Terraform.Require();
        var file = Path.Combine(Directory.CreateTempSubdirectory("filter-").FullName, "tricky.filter");
        await File.WriteAllTextAsync(file, TrickyFilter);
        try
        {
            var (sinkFilter, _) = await RepositoryFilesModule.EvaluateAsync(terraform, CancellationToken.None, file);
            var secretFile = Path.Combine(Path.GetDirectoryName(file)!, "event.filter");
            await File.WriteAllTextAsync(secretFile, sinkFilter);

            var asWritten = FunctionFilter(file);
            var asMounted = FunctionFilter(secretFile);

            Assert.Equal(asWritten, LoggingQuery.Parse(sinkFilter).ToString());
            Assert.Equal(asWritten, asMounted);
            Assert.Contains("-- second line of the same value, not a comment", sinkFilter, StringComparison.Ordinal);
            Assert.DoesNotContain("a comment after a term", sinkFilter, StringComparison.Ordinal);
            Assert.DoesNotContain("payments", sinkFilter, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [SkippableFact]
    public async Task SinkFilterOfTheDefaultFile_ParsesToTheFunctionsBuiltInDefault()
    {
        var terraform = Terraform.Require();

        var (sinkFilter, _) = await RepositoryFilesModule.EvaluateAsync(terraform, CancellationToken.None);

        Assert.Equal(FilterSource.Resolve(new EventFilterOptions()).Compile().ToString(), LoggingQuery.Parse(sinkFilter).ToString());
    }

    [Fact]
    public void SinkAndFilterSecret_TakeTheirTextFromTheSameTerraformValue()
    {
        var module = ModuleFile("sink.tf").Concat(ModuleFile("secret.tf")).ToList();

        var sinkFilters = module.Where(b => b.Labels[0].StartsWith("google_logging_", StringComparison.Ordinal) && b.Labels[0].EndsWith("_sink", StringComparison.Ordinal))
            .Select(b => Assert.Single(b.Body.Attributes, a => a.Name == "filter").Expression);
        var secretData = Assert.Single(
            Assert.Single(module, b => b.Labels is ["google_secret_manager_secret_version", "filter"]).Body.Attributes,
            a => a.Name == "secret_data").Expression;

        Assert.Equal("module.repository.sink_filter", secretData);
        Assert.All(sinkFilters, expression => Assert.Equal(secretData, expression));
        Assert.Equal(3, sinkFilters.Count());
    }

    private static string FunctionFilter(string path) =>
        FilterSource.Resolve(new EventFilterOptions { FilterFile = path }).Compile().ToString();

    private static IEnumerable<HclBlock> ModuleFile(string name) =>
        Hcl.Parse(File.ReadAllText(RepositoryRoot.Combine("terraform", "modules", "gke-event-notifier", name)), name)
            .Blocks.Where(b => b.Type == "resource");
}
