namespace GkeEventNotifier.Tests.Deploy;

/// <summary>
/// The installed gcloud, run hermetically: a fresh configuration directory (so no account is ever active), a sample
/// default project, no metadata-server probe, no prompts. A correct command then fails at authentication, a wrong one at parsing.
/// </summary>
internal sealed class Gcloud : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _path;
    private readonly DirectoryInfo _configuration = Directory.CreateTempSubdirectory("gcloud-config-");

    private Gcloud(string path) => _path = path;

    public static Gcloud Require() =>
        new(ExternalTool.Require("gcloud", "install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install) to run this check"));

    public Task<ToolResult> RunAsync(IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        ExternalTool.RunAsync(_path, [.. arguments, "--quiet"], workingDirectory, Environment(), Timeout, cancellationToken);

    public async Task<IReadOnlyList<string>> FilesForUploadAsync(string directory, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["meta", "list-files-for-upload", directory], directory, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"gcloud meta list-files-for-upload failed: {result}");
        }

        return result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(path => path.Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public void Dispose() => _configuration.Delete(recursive: true);

    private Dictionary<string, string?> Environment() => new()
    {
        ["CLOUDSDK_CONFIG"] = _configuration.FullName,
        ["CLOUDSDK_CORE_CHECK_GCE_METADATA"] = "false",
        ["CLOUDSDK_CORE_DISABLE_USAGE_REPORTING"] = "true",
        ["CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK"] = "true",
        ["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1",
        ["CLOUDSDK_CORE_ACCOUNT"] = null,
        // A reader has a default project configured; commands that rely on it must get as far as authentication too.
        ["CLOUDSDK_CORE_PROJECT"] = "sample-project",
        ["CLOUDSDK_AUTH_ACCESS_TOKEN_FILE"] = null,
        ["CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE"] = null,
        ["GOOGLE_APPLICATION_CREDENTIALS"] = null,
    };
}
