using GkeEventNotifier.Tests.Deploy;

namespace GkeEventNotifier.Tests.Host;

/// <summary>
/// The function and the CLI as built next to the tests (same configuration), run as processes with only the given
/// settings: what a user runs, exit code and both streams kept.
/// </summary>
internal static class BuiltProgram
{
    public static Task<ToolResult> FunctionAsync(IReadOnlyDictionary<string, string?> settings) =>
        RunAsync(Dll("GkeEventNotifier.Function", "GkeEventNotifier.Function.dll"), [], settings);

    public static Task<ToolResult> CliAsync(string[] args, IReadOnlyDictionary<string, string?> settings) =>
        RunAsync(Dll("GkeEventNotifier.Cli", "gke-events.dll"), args, settings);

    private static Task<ToolResult> RunAsync(string dll, string[] args, IReadOnlyDictionary<string, string?> settings)
    {
        var environment = new Dictionary<string, string?>(settings) { ["DOTNET_ENVIRONMENT"] = "Production" };
        foreach (var inherited in new[] { "SLACK_BOT_TOKEN", "SLACK_CHANNEL", "SLACK_WEBHOOK_URL", "SLACK_API_URL", "KUBECONFIG", "GOOGLE_APPLICATION_CREDENTIALS", "K_SERVICE", "EVENT_FILTER", "EVENT_FILTER_FILE", "NOTIFIER_CONFIG_FILE", "PORT" })
        {
            environment.TryAdd(inherited, null);
        }

        return ExternalTool.RunAsync("dotnet", [dll, .. args], AppContext.BaseDirectory, environment, TimeSpan.FromSeconds(60), CancellationToken.None);
    }

    private static string Dll(string project, string name)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "function.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? "", "src", project, "bin", testOutput.Parent!.Name, testOutput.Name, name);
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build first (dotnet build function.sln): {dll} is missing.");
    }
}
