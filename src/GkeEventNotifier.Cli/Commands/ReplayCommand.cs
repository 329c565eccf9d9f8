using System.CommandLine;
using System.Text;
using GkeEventNotifier.Decoding;
using GkeEventNotifier.Ingress;
using GkeEventNotifier.Pipeline;
using GkeEventNotifier.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>
/// <c>gke-events replay FILE|-</c>: the function's pipeline over exported LogEntries. Prints the alerts (or posts them
/// when Slack is configured) and ends with what happened to every entry.
/// Exit codes: 0 all entries handled; 1 some entries rejected; 2 usage or settings error; 3 Slack failed.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliConsole console, IConfiguration configuration)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "LogEntries: the JSON array 'gcloud logging read --format=json' prints, or one JSON entry per line; '-' reads stdin.",
        };
        var json = new Option<bool>("--json") { Description = "Print the Slack payloads as JSON (one per line) instead of readable text." };
        var command = new Command("replay", "Run the alert pipeline (decode, filter, enrich, render) over exported LogEntries; print the alerts, or post them when SLACK_* is set.")
        {
            file,
            json,
        };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetRequiredValue(file), parse.GetValue(json), console, configuration, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string file, bool json, CliConsole console, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var entries = await InputFiles.ReadEntriesAsync(file, console, cancellationToken);
        if (entries is null)
        {
            return 2;
        }

        ServiceProvider services;
        try
        {
            services = CliServices.Build(configuration, console, json);
        }
        catch (OptionsValidationException e)
        {
            await console.Error.WriteLineAsync($"error: {string.Join(" ", e.Failures)}");
            return 2;
        }

        await using (services)
        {
            var connected = services.GetRequiredService<ISlackClient>().IsConnected;
            var tally = await ReplayAsync(entries, services.GetRequiredService<EventPipeline>(), console, cancellationToken);
            await console.Error.WriteLineAsync(tally.Summary(connected));
            return tally.Failed > 0 ? 3 : tally.Rejected.Count > 0 ? 1 : 0;
        }
    }

    private static async Task<ReplayTally> ReplayAsync(IReadOnlyList<ExportedEntry> entries, EventPipeline pipeline, CliConsole console, CancellationToken cancellationToken)
    {
        var tally = new ReplayTally();
        foreach (var entry in entries)
        {
            if (!entry.IsValid)
            {
                tally.Reject(entry.Number, entry.Error!);
                continue;
            }

            var message = new PubSubMessage($"entry-{entry.Number}", Convert.ToBase64String(entry.Json.Span), new Dictionary<string, string>());
            try
            {
                tally.Count(entry.Number, await pipeline.HandleAsync(message, cancellationToken));
            }
            catch (Exception e) when (DeliveryPolicy.IsRetryable(e))
            {
                tally.Fail(entry.Number, e.Message);
                await console.Error.WriteLineAsync($"error: entry {entry.Number}: {e.Message}");
            }
        }

        return tally;
    }
}
