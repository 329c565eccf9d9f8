using System.CommandLine;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.Incidents;
using GkeEventNotifier.Stages.Enrichment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>
/// <c>gke-events replay FILE|-</c>: the function's pipeline over exported LogEntries, in the order the events happened
/// and on their time. Prints the alerts (or posts them when Slack is configured) and ends with what happened to every
/// entry.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliConsole console, IConfiguration configuration, HelpNotes help)
    {
        var file = new Argument<string>("FILE") { Description = InputFiles.EntriesDescription };
        var json = new Option<bool>("--json") { Description = "Print the Slack payloads as JSON (one per line) instead of readable text." };
        var pods = new Option<string[]>("--pods")
        {
            Description = "Answer OOMKilling pod look-ups from FILE, the output of 'kubectl get pods -A -o json' (add replicasets,jobs for owners); "
                + "repeat for several files. No cluster is asked.",
            HelpName = "FILE",
        };
        var command = new Command(
            "replay",
            "Run the alert pipeline (decode, filter, route, dedup, enrich, group, render) over exported LogEntries, sorted by timestamp and on their "
            + "time (windows and 'first failure' times are those of the events); print the alerts, or post them when SLACK_* is set.")
        {
            file,
            json,
            pods,
        };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetRequiredValue(file), parse.GetValue(json), parse.GetValue(pods) ?? [], console, configuration, cancellationToken));
        return help.Add(command, SettingsHelp.All, [
            "0  every entry handled (alerted, dropped by the filter or a drop rule, a repeat, or needing no alert)",
            "1  some entries rejected (not JSON, not a LogEntry); each is listed with its reason",
            "2  nothing done: usage error, invalid setting, or the input cannot be read",
            "3  Slack failed or refused some alerts; each is listed with its reason, the other entries were still handled",
        ]);
    }

    private static async Task<int> RunAsync(string file, bool json, string[] podFiles, CliConsole console, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var entries = await InputFiles.ReadEntriesAsync(file, console, cancellationToken);
        if (entries is null)
        {
            return ExitCodes.Usage;
        }

        var timeline = ReplayTimeline.Of(entries);
        var clock = new ReplayClock(timeline.Start ?? TimeProvider.System.GetUtcNow());
        var snapshot = podFiles.Length == 0 ? null : await PodSnapshotDirectory.ReadAsync(podFiles, clock, console, cancellationToken);
        if (podFiles.Length > 0 && snapshot is null)
        {
            return ExitCodes.Usage;
        }

        var services = await CliServices.BuildCheckedAsync(configuration, console, json, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            if (snapshot is not null)
            {
                services.Replace(ServiceDescriptor.Singleton<IPodDirectory>(snapshot));
                services.Replace(ServiceDescriptor.Singleton<IWorkloadPods>(snapshot));
            }
            else
            {
                // Without a snapshot there is no cluster to re-check: the sweep's "could not re-check" would repeat every 5 minutes of the export.
                services.AddLogging(logging => logging.AddFilter(typeof(IncidentSweep).FullName, LogLevel.Error));
            }
        });
        if (services is null)
        {
            return ExitCodes.Usage;
        }

        await using (services)
        {
            var connected = services.GetRequiredService<ISlackClient>().IsConnected;
            var run = new ReplayRun(services.GetRequiredService<EventPipeline>(), clock, console);
            var tally = await run.RunAsync(timeline, cancellationToken);
            await console.Error.WriteLineAsync(tally.Summary(connected));
            return tally.Failed.Count > 0 ? ExitCodes.SlackFailed : tally.Rejected.Count > 0 ? ExitCodes.Rejected : ExitCodes.Success;
        }
    }
}
