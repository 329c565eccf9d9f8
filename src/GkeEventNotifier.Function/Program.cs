using GkeEventNotifier.Adapters.Logging;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Function;
using Microsoft.Extensions.Logging.Console;

// The deployable function: a thin ASP.NET Core host that speaks the Functions Framework contract
// (0.0.0.0:$PORT, every path and method is the function) and hands each request to the library's pipeline.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://0.0.0.0:{FunctionSettings.ListeningPort(builder.Configuration)}");
builder.Logging.ClearProviders()
    .AddConsole(options => options.FormatterName = CloudLoggingJsonFormatter.FormatterName)
    .AddConsoleFormatter<CloudLoggingJsonFormatter, ConsoleFormatterOptions>()
    .AddFilter("Microsoft", LogLevel.Warning)
    .AddFilter("System.Net.Http", LogLevel.Warning);
builder.Services
    .AddGkeEventNotifier(builder.Configuration)
    .AddFunctionHost(builder.Configuration);

var app = builder.Build();
if (SettingsCheck.Problems(app.Services) is { Count: > 0 } problems)
{
    app.Services.GetRequiredService<InvalidSettingsReport>().Write(problems);
    await app.DisposeAsync();
    return 1;
}

app.Lifetime.ApplicationStarted.Register(app.Services.GetRequiredService<StartupReport>().Write);
app.Run(app.Services.GetRequiredService<FunctionEndpoint>().HandleAsync);
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the in-memory test host.</summary>
public partial class Program;
