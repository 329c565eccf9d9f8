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

    /// <summary>Runs a bash script in the same hermetic environment, with this gcloud on the PATH.</summary>
    public Task<ToolResult> RunShellAsync(string script, string workingDirectory, CancellationToken cancellationToken)
    {
        var bash = ExternalTool.Require("bash", "install bash to run this check");
        var environment = Environment();
        environment["PATH"] = $"{Path.GetDirectoryName(_path)}{Path.PathSeparator}{System.Environment.GetEnvironmentVariable("PATH")}";
        return ExternalTool.RunAsync(bash, ["-c", script], workingDirectory, environment, Timeout, cancellationToken);
    }

    /// <summary>
    /// gcloud's own parser for dict flags (<c>arg_parsers.ArgDict</c>, which --set-env-vars, --set-build-env-vars and
    /// --set-secrets use) applied to one flag value, run by the Python interpreter gcloud itself uses.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ParseDictFlagAsync(string value, CancellationToken cancellationToken)
    {
        var info = await RunAsync(["info", "--format=value(installation.sdk_root,basic.python_location)"], ".", cancellationToken);
        var parts = info.StandardOutput.Trim().Split('\t');
        if (info.ExitCode != 0 || parts.Length != 2)
        {
            throw new InvalidOperationException($"gcloud info did not name its SDK root and Python: {info}");
        }

        const string Script = """
            import json, sys
            sys.path[0:0] = [sys.argv[1] + "/lib", sys.argv[1] + "/lib/third_party"]
            from googlecloudsdk.calliope import arg_parsers
            print(json.dumps(dict(arg_parsers.ArgDict()(sys.argv[2]))))
            """;
        var result = await ExternalTool.RunAsync(parts[1], ["-c", Script, parts[0], value], ".", Environment(), Timeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"gcloud's ArgDict refused {value}: {result}");
        }

        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(result.StandardOutput)!;
    }

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
