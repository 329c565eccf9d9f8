using System.CommandLine;
using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Filtering.Query;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>
/// <c>gke-events filter check FILE</c> and <c>gke-events filter test [--filter FILE] [--explain N] LOGS</c>: tune the
/// alert filter on a laptop against exported LogEntries instead of waiting for an incident.
/// </summary>
internal static class FilterCommand
{
    public static Command Create(CliConsole console, IConfiguration configuration, HelpNotes help) =>
        new("filter", "Check and test Cloud Logging filters: the query the Logs Router sink and the function both apply.")
        {
            CreateCheck(console, help),
            CreateTest(console, configuration, help),
        };

    private static Command CreateCheck(CliConsole console, HelpNotes help)
    {
        var file = new Argument<string>("FILE") { Description = "The filter: a Cloud Logging query ('-' reads stdin)." };
        var command = new Command("check", "Parse a filter and print it normalised: explicit AND/OR/NOT, one top-level term per line.") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetRequiredValue(file);
            var text = await InputFiles.ReadTextAsync(name, console, cancellationToken);
            if (text is null)
            {
                return ExitCodes.Usage;
            }

            var query = await ParseAsync(name, text, console);
            if (query is null)
            {
                return ExitCodes.Rejected;
            }

            await console.Out.WriteAsync(query.ToMultilineString());
            return ExitCodes.Success;
        });
        return help.Add(command, ["none: the filter is the FILE given"], [
            "0  the filter is valid (printed normalised)",
            "1  the filter is invalid: FILE:LINE:COLUMN: error: what is wrong",
            "2  usage error, or FILE cannot be read",
        ]);
    }

    private static Command CreateTest(CliConsole console, IConfiguration configuration, HelpNotes help)
    {
        var logs = new Argument<string>("LOGS") { Description = InputFiles.EntriesDescription };
        var filter = new Option<string?>("--filter")
        {
            Description = "The filter file (default: EVENT_FILTER, EVENT_FILTER_FILE, or the built-in default, as the function would).",
            HelpName = "FILE",
        };
        var explain = new Option<int?>("--explain") { Description = "Show, term by term, why entry N (1-based) did or did not match.", HelpName = "N" };
        var command = new Command("test", "Show which entries of an export the filter keeps (alerts on) and which it drops.") { logs, filter, explain };
        command.SetAction((parse, cancellationToken) =>
            TestAsync(parse.GetRequiredValue(logs), parse.GetValue(filter), parse.GetValue(explain), console, configuration, cancellationToken));
        return help.Add(command, SettingsHelp.Filter, [
            "0  every entry was read and tested",
            "1  some entries could not be read (each is listed)",
            "2  usage error, invalid filter, or a file that cannot be read",
        ]);
    }

    private static async Task<int> TestAsync(string logs, string? filterFile, int? explain, CliConsole console, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var (query, origin) = filterFile is null ? ConfiguredFilter(console, configuration) : (await LoadAsync(filterFile, console, cancellationToken), filterFile);
        var entries = query is null ? null : await InputFiles.ReadEntriesAsync(logs, console, cancellationToken);
        if (query is null || entries is null)
        {
            return ExitCodes.Usage;
        }

        if (explain is { } number && (number < 1 || number > entries.Count))
        {
            await console.Error.WriteLineAsync($"error: --explain {number}: the export has entries 1 to {entries.Count}");
            return ExitCodes.Usage;
        }

        var report = new FilterTestReport(query, console.Out);
        var tally = report.WriteEntries(entries);
        if (explain is { } chosen)
        {
            report.WriteExplanation(entries[chosen - 1]);
        }

        await console.Error.WriteLineAsync($"{tally.Summary} (filter: {origin})");
        return tally.Unreadable > 0 ? ExitCodes.Rejected : ExitCodes.Success;
    }

    /// <summary>The filter the function would use: EVENT_FILTER, EVENT_FILTER_FILE or the built-in default.</summary>
    internal static (LoggingQuery? Query, string Origin) ConfiguredFilter(CliConsole console, IConfiguration configuration)
    {
        var options = new EventFilterOptions();
        EventFilterOptions.Bind(options, configuration);
        try
        {
            var filter = QueryEventFilter.Create(options);
            return (filter.Query, filter.Origin);
        }
        catch (InvalidFilterException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return (null, string.Empty);
        }
    }

    private static async Task<LoggingQuery?> LoadAsync(string file, CliConsole console, CancellationToken cancellationToken)
    {
        var text = await InputFiles.ReadTextAsync(file, console, cancellationToken);
        return text is null ? null : await ParseAsync(file, text, console);
    }

    private static async Task<LoggingQuery?> ParseAsync(string file, string text, CliConsole console)
    {
        LoggingQuery query;
        try
        {
            query = LoggingQuery.Parse(text);
        }
        catch (QuerySyntaxException e)
        {
            await console.Error.WriteLineAsync($"{file}:{e.Position.Line}:{e.Position.Column}: error: {e.Problem}");
            return null;
        }

        if (query.IsEmpty)
        {
            await console.Error.WriteLineAsync($"{file}: error: the filter holds no query (only blank lines or comments), which would alert on every entry");
            return null;
        }

        return query;
    }
}
