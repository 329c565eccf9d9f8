using GkeEventNotifier.Cli;
using Microsoft.Extensions.Configuration;

// gke-events: the product's pipeline on a laptop. Settings come from the same environment variables as the function.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
return await CliApp.RunAsync(args, new CliConsole(Console.In, Console.Out, Console.Error), configuration, CancellationToken.None);
