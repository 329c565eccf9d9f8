using System.CommandLine;
using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Filtering.Query;
using GkeEventNotifier.Stages.Routing;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>
/// <c>gke-events route test --config FILE LOGS</c>: where each entry of an export would go under a routing file, and
/// why (the drop rule, or the routes that matched), without sending anything.
/// </summary>
internal static class RouteCommand
{
    private const string WebhookStandIn = "https://hooks.slack.com/services/route-test/not-sent";

    public static Command Create(CliConsole console, IConfiguration configuration, HelpNotes help) =>
        new("route", "Test a routing file (receivers, routes, drop rules) on exported LogEntries.")
        {
            CreateTest(console, configuration, help),
        };

    private static Command CreateTest(CliConsole console, IConfiguration configuration, HelpNotes help)
    {
        var config = new Option<string>("--config") { Description = "The routing file (what NOTIFIER_CONFIG_FILE names for the function).", HelpName = "FILE", Required = true };
        var logs = new Argument<string>("LOGS") { Description = InputFiles.EntriesDescription };
        var command = new Command("test", "Print, for each entry, the drop rule that takes it or the receivers it goes to and the routes that matched. Sends nothing.")
        {
            config,
            logs,
        };
        command.SetAction((parse, cancellationToken) => TestAsync(parse.GetRequiredValue(config), parse.GetRequiredValue(logs), console, configuration, cancellationToken));
        return help.Add(command, [.. SettingsHelp.Filter, "SLACK_BOT_TOKEN: whether channel receivers can post (webhook variables the file names need not be set here)"], [
            "0  every entry was read and routed",
            "1  some entries could not be read (each is listed)",
            "2  usage error, invalid routing file or filter, or a file that cannot be read",
        ]);
    }

    private static async Task<int> TestAsync(string file, string logs, CliConsole console, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var table = await LoadAsync(file, console, configuration, cancellationToken);
        var (filter, origin) = table is null ? (null, "") : FilterCommand.ConfiguredFilter(console, configuration);
        var entries = filter is null ? null : await InputFiles.ReadEntriesAsync(logs, console, cancellationToken);
        if (table is null || filter is null || entries is null)
        {
            return ExitCodes.Usage;
        }

        var tally = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var (kind, line) = Route(entry, table, filter, origin);
            tally[kind] = tally.GetValueOrDefault(kind) + 1;
            await console.Out.WriteLineAsync($"#{entry.Number,-4}{line}");
        }

        await console.Error.WriteLineAsync(
            $"{entries.Count} entries: {tally.GetValueOrDefault("routed")} routed, {tally.GetValueOrDefault("dropped")} dropped by a rule, "
            + $"{tally.GetValueOrDefault("filtered")} not kept by the filter, {tally.GetValueOrDefault("not an event")} not Kubernetes events, "
            + $"{tally.GetValueOrDefault("unreadable")} unreadable (routing: {file}; filter: {origin})");
        return tally.GetValueOrDefault("unreadable") > 0 ? ExitCodes.Rejected : ExitCodes.Success;
    }

    private static (string Kind, string Line) Route(ExportedEntry entry, RoutingTable table, LoggingQuery filter, string origin)
    {
        var decoded = entry.IsValid ? LogEntryDecoder.Decode(entry.Json) : new DecodeResult.Invalid(entry.Error!);
        switch (decoded)
        {
            case DecodeResult.EventEntry { Entry: var e }:
                var what = $"{e.Event.Reason} on {e.Event.InvolvedObject.Kind} {e.Event.InvolvedObject.QualifiedName}";
                if (!filter.Matches(e.Raw))
                {
                    return ("filtered", $"{what}: not kept by the filter ({origin}), so never routed");
                }

                var decision = table.Decide(e.Raw);
                return decision.DroppedBy is { } rule
                    ? ("dropped", $"{what}: dropped by rule '{rule}'")
                    : ("routed", $"{what} → {string.Join(", ", decision.Receivers.Select(r => Describe(r)))} ({Why(decision)})");
            case DecodeResult.ExporterStarted started:
                var notice = $"exporter restart of {started.Cluster} (blind-spot notice)";
                if (!filter.Matches(started.Raw))
                {
                    return ("filtered", $"{notice}: not kept by the filter ({origin}), so never routed");
                }

                var noticeRoute = table.Decide(started.Raw);
                return noticeRoute.DroppedBy is { } noticeRule
                    ? ("dropped", $"{notice}: dropped by rule '{noticeRule}'")
                    : ("routed", $"{notice} → {string.Join(", ", noticeRoute.Receivers.Select(r => Describe(r)))} ({Why(noticeRoute)})");
            case DecodeResult.NotAnEvent notAnEvent:
                return ("not an event", $"not a Kubernetes event: {notAnEvent.Description}");
            case DecodeResult.Invalid invalid:
                return ("unreadable", $"unreadable: {invalid.Reason}");
            default:
                return ("unreadable", "unreadable");
        }
    }

    private static string Describe(Receiver receiver) =>
        receiver.Channel is { } channel ? $"{receiver.Name} (channel {channel})" : $"{receiver.Name} (webhook)";

    private static string Why(RoutingDecision decision) => decision.MatchedRoutes.Count switch
    {
        0 => "no route matched: the default receiver",
        1 => $"route '{decision.MatchedRoutes[0]}'",
        _ => "routes " + string.Join(", ", decision.MatchedRoutes.Select(name => $"'{name}'")),
    };

    /// <summary>
    /// The routing file as the function would read it, with receivers that send nothing. A webhook variable the file
    /// names but the environment lacks gets a stand-in: routing does not depend on the URL, and the URL is a secret.
    /// </summary>
    private static async Task<RoutingTable?> LoadAsync(string file, CliConsole console, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var text = await InputFiles.ReadTextAsync(file, console, cancellationToken);
        if (text is null)
        {
            return null;
        }

        try
        {
            var config = new RoutingConfigParser(file, text, name => configuration[name] is { Length: > 0 } value ? value : WebhookStandIn, botToken: true).Parse();
            var silent = new PrintingSlackClient(TextWriter.Null, json: false);
            var receivers = config.Receivers.ToDictionary(
                spec => spec.Name, spec => new Receiver(spec.Name, silent, spec.Channel, spec.Mention, CanThread: spec.Channel is not null), StringComparer.Ordinal);
            var fallback = new Receiver("default (SLACK_CHANNEL or SLACK_WEBHOOK_URL)", silent, null, null, CanThread: false);
            return new RoutingTable(
                config.Drops,
                [.. config.Routes.Select(route => new Route(route.Rule, receivers[route.Receiver], route.Continue))],
                config.DefaultReceiver is { } name ? receivers[name] : fallback);
        }
        catch (InvalidRoutingConfigException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}");
            return null;
        }
    }
}
