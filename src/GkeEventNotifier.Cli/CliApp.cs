using System.CommandLine;
using GkeEventNotifier.Cli.Commands;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Cli;

/// <summary>The command tree. Each command lives in Commands/ and gets what it needs from here.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var root = new RootCommand("gke-events: turn GKE events LogEntries into Slack alerts, offline or for real.")
        {
            ReplayCommand.Create(console, configuration),
            FilterCommand.Create(console, configuration),
        };
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return await root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
