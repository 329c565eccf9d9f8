using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>
/// <c>gke-events config check [--env-file FILE]</c>: every setting validated as the function validates it on start,
/// then what the function would run with, without sending anything anywhere.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(CliConsole console, IConfiguration configuration, HelpNotes help) =>
        new("config", "Check the settings the function reads from its environment.")
        {
            CreateCheck(console, configuration, help),
        };

    private static Command CreateCheck(CliConsole console, IConfiguration configuration, HelpNotes help)
    {
        var envFile = new Option<string?>("--env-file")
        {
            Description = "Read the settings from FILE (KEY=VALUE lines, as 'docker run --env-file' takes them) instead of the environment.",
            HelpName = "FILE",
        };
        var command = new Command(
            "check",
            "Validate every setting and print what the function would run with: Slack mode, filter, routing, cluster access, state. Sends nothing.")
        {
            envFile,
        };
        command.SetAction((parse, cancellationToken) => CheckAsync(parse.GetValue(envFile), console, configuration, cancellationToken));
        return help.Add(command, SettingsHelp.All, [
            "0  every setting is valid (what the function would run with is printed)",
            "2  a setting is invalid (one 'error:' line each), the env file cannot be read, or a usage error",
        ]);
    }

    private static async Task<int> CheckAsync(string? envFile, CliConsole console, IConfiguration environment, CancellationToken cancellationToken)
    {
        var configuration = envFile is null ? environment : await EnvFile.ReadAsync(envFile, console, cancellationToken);
        if (configuration is null)
        {
            return ExitCodes.Usage;
        }

        var services = await CliServices.BuildCheckedAsync(configuration, console, json: false);
        if (services is null)
        {
            return ExitCodes.Usage;
        }

        await using (services)
        {
            var origin = envFile is null ? "the environment" : envFile;
            await console.Out.WriteLineAsync($"Settings from {origin} are valid. The function would run with:");
            foreach (var (topic, text) in SettingsSummary.Describe(services))
            {
                await console.Out.WriteLineAsync($"  {topic + ":",-16}{text}");
            }
        }

        return ExitCodes.Success;
    }
}
