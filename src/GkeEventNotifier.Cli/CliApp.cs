using GkeEventNotifier.Cli.Commands;
using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Cli;

/// <summary>The command tree. Each command lives in Commands/ and gets what it needs from here.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var help = new HelpNotes();
        var root = new RootCommand("gke-events: turn GKE events LogEntries into Slack alerts, offline or for real.")
        {
            ReplayCommand.Create(console, configuration, help),
            FilterCommand.Create(console, configuration, help),
            RouteCommand.Create(console, configuration, help),
            ConfigCommand.Create(console, configuration, help),
        };
        help.Add(root, ["each command's --help lists the ones it reads; 'gke-events config check' validates them all"], [
            "0  success",
            "1  the command ran, but some of its input was rejected (each is listed with its reason)",
            "2  nothing done: usage error, invalid setting, or an input that cannot be read",
            "3  Slack failed or refused some alerts (replay)",
        ]);
        help.AttachTo(root);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            return await UsageErrorAsync(parse, console);
        }

        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>Usage errors exit 2 (System.CommandLine's default is 1, which here means "some entries rejected").</summary>
    private static async Task<int> UsageErrorAsync(ParseResult parse, CliConsole console)
    {
        foreach (var error in parse.Errors)
        {
            await console.Error.WriteLineAsync($"error: {error.Message}");
        }

        await console.Error.WriteLineAsync($"Run '{CommandLine(parse.CommandResult.Command)} --help' for usage.");
        return ExitCodes.Usage;
    }

    private static string CommandLine(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command current; symbol = current.Parents.FirstOrDefault())
        {
            names.Insert(0, current is RootCommand ? "gke-events" : current.Name);
        }

        return string.Join(' ', names);
    }
}
