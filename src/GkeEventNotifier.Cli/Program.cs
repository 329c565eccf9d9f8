using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Cli;

/// <summary>gke-events: the product's pipeline on a laptop. Settings come from the same environment variables as the function.</summary>
internal static class GkeEventsProgram
{
    public static Task<int> Main(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return CliApp.RunAsync(args, new CliConsole(Console.In, Console.Out, Console.Error), configuration, CancellationToken.None);
    }
}
