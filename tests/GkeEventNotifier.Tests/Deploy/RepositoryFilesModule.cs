using System.Text.Json;

namespace GkeEventNotifier.Tests.Deploy;

/// <summary>
/// Evaluates terraform/modules/repository-files (no providers, so no registry) against this checkout: init and
/// apply in a throw-away root with local state, then read its outputs as JSON.
/// </summary>
internal static class RepositoryFilesModule
{
    public static async Task<(string SinkFilter, IReadOnlyList<string> FunctionSourceFiles)> EvaluateAsync(
        Terraform terraform, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("tf-repository-files-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "main.tf"), RootModule(), cancellationToken);
            await terraform.RunCheckedAsync(["init", "-backend=false", "-no-color"], root.FullName, cancellationToken);
            await terraform.RunCheckedAsync(["apply", "-auto-approve", "-no-color"], root.FullName, cancellationToken);
            var output = await terraform.RunCheckedAsync(["output", "-json", "repository"], root.FullName, cancellationToken);
            return Parse(output.StandardOutput);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static string RootModule()
    {
        var module = RepositoryRoot.Combine("terraform", "modules", "repository-files").Replace('\\', '/');
        var repository = RepositoryRoot.Path.Replace('\\', '/');
        return $$"""
            module "repository" {
              source          = "{{module}}"
              repository_root = "{{repository}}"
            }

            output "repository" {
              value = module.repository
            }
            """;
    }

    private static (string, IReadOnlyList<string>) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement;
        var filter = value.GetProperty("sink_filter").GetString() ?? "";
        var files = value.GetProperty("function_source_files").EnumerateArray().Select(f => f.GetString() ?? "").ToList();
        return (filter, files);
    }
}
