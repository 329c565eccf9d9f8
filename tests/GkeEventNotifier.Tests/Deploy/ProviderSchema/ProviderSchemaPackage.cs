namespace GkeEventNotifier.Tests.Deploy.ProviderSchema;

/// <summary>
/// <c>@cdktf/provider-google</c> 16.12.1 (generated from google provider 6.50), installed once with npm into a cache
/// outside the repository (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>, then <c>gke-event-notifier/</c>) and reused by
/// every later run: about 300 MB and 15 s the first time, nothing after. Installed into a temporary folder first and
/// renamed into place, so an interrupted install is never mistaken for a complete one.
/// </summary>
internal static class ProviderSchemaPackage
{
    public const string Name = "@cdktf/provider-google";
    public const string Version = "16.12.1";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<string> RequireAsync(CancellationToken cancellationToken)
    {
        var npm = ExternalTool.Require("npm", "install Node.js with npm (https://nodejs.org) to run the provider schema check");
        var root = Path.Combine(CacheHome(), "gke-event-notifier", $"cdktf-provider-google-{Version}");
        var package = Path.Combine(root, "node_modules", "@cdktf", "provider-google");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(Path.Combine(package, "package.json")))
            {
                await InstallAsync(npm, root, cancellationToken);
            }
        }
        finally
        {
            Gate.Release();
        }

        return package;
    }

    private static async Task InstallAsync(string npm, string root, CancellationToken cancellationToken)
    {
        var staging = $"{root}.installing-{Environment.ProcessId}";
        Directory.CreateDirectory(staging);
        var result = await ExternalTool.RunAsync(
            npm,
            ["install", "--prefix", staging, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts",
                "--legacy-peer-deps", "--loglevel=error", $"{Name}@{Version}"],
            staging,
            new Dictionary<string, string?> { ["npm_config_update_notifier"] = "false" },
            InstallTimeout,
            cancellationToken);
        if (result.ExitCode != 0)
        {
            Directory.Delete(staging, recursive: true);
            throw new InvalidOperationException($"npm could not install {Name}@{Version}: {result}");
        }

        try
        {
            Directory.Move(staging, root);
        }
        catch (IOException) when (Directory.Exists(root))
        {
            Directory.Delete(staging, recursive: true); // another test run finished first
        }
    }

    private static string CacheHome()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
    }
}
