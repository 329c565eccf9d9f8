namespace GkeEventNotifier.Tests.Deploy;

/// <summary>Evaluates terraform/modules/repository-files (no providers, so no registry) against this checkout.</summary>
internal static class RepositoryFilesModule
{
    public static async Task<(string SinkFilter, IReadOnlyList<string> FunctionSourceFiles)> EvaluateAsync(
        Terraform terraform, CancellationToken cancellationToken, string? filterFile = null)
    {
        var inputs = $"repository_root = {OfflineModule.Quote(RepositoryRoot.Path.Replace('\\', '/'))}\n"
            + (filterFile is null ? "" : $"filter_file = {OfflineModule.Quote(filterFile.Replace('\\', '/'))}\n");
        var outputs = await OfflineModule.ApplyAsync(terraform, "repository-files", inputs, cancellationToken);
        var filter = outputs.GetProperty("sink_filter").GetString() ?? "";
        var files = outputs.GetProperty("function_source_files").EnumerateArray().Select(f => f.GetString() ?? "").ToList();
        return (filter, files);
    }
}
