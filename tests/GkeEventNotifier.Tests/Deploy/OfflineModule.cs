using System.Text.Json;

namespace GkeEventNotifier.Tests.Deploy;

/// <summary>
/// Applies one provider-less module of terraform/modules (no registry needed) in a throw-away root with local state,
/// with the given input arguments written as HCL, and returns its outputs as JSON.
/// </summary>
internal static class OfflineModule
{
    public static async Task<JsonElement> ApplyAsync(
        Terraform terraform, string moduleName, string inputs, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("tf-offline-module-");
        try
        {
            var source = RepositoryRoot.Combine("terraform", "modules", moduleName).Replace('\\', '/');
            var main = $$"""
                module "under_test" {
                  source = "{{source}}"
                {{inputs}}
                }

                output "module" {
                  value = module.under_test
                }
                """;
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "main.tf"), main, cancellationToken);
            await terraform.RunCheckedAsync(["init", "-backend=false", "-no-color"], root.FullName, cancellationToken);
            await terraform.RunCheckedAsync(["apply", "-auto-approve", "-no-color"], root.FullName, cancellationToken);
            var output = await terraform.RunCheckedAsync(["output", "-json", "module"], root.FullName, cancellationToken);
            using var document = JsonDocument.Parse(output.StandardOutput);
            return document.RootElement.Clone();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>A string as an HCL quoted literal (also escaping template starts, so the text arrives as written).</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("${", "$${", StringComparison.Ordinal)
            .Replace("%{", "%%{", StringComparison.Ordinal) + "\"";
}
