using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Filtering.Query;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GkeEventNotifier.Stages.Filtering;

/// <summary>
/// The function's filter: a Cloud Logging query evaluated on each LogEntry, as the sink evaluated it before.
/// A regular expression that runs out of time counts as no match; that is logged, because it may hide an alert.
/// </summary>
internal sealed partial class QueryEventFilter(LoggingQuery query, string origin, ILogger<QueryEventFilter>? logger = null) : IEventFilter
{
    private readonly ILogger logger = logger ?? NullLogger<QueryEventFilter>.Instance;

    public LoggingQuery Query { get; } = query;

    /// <summary>Where the query came from (<c>EVENT_FILTER</c>, <c>EVENT_FILTER_FILE (path)</c> or the built-in default), for start-up logs.</summary>
    public string Origin { get; } = origin;

    /// <summary>Throws <see cref="InvalidFilterException"/> naming the setting when the filter cannot be read or parsed.</summary>
    public static QueryEventFilter Create(EventFilterOptions options, ILogger<QueryEventFilter>? logger = null)
    {
        var source = FilterSource.Resolve(options);
        return new QueryEventFilter(source.Compile(), source.Origin, logger);
    }

    public bool Matches(JsonElement logEntry)
    {
        var matched = Query.Matches(logEntry, out var timedOut);
        if (timedOut)
        {
            LogRegexTimeout(logger, Origin, InsertId(logEntry));
        }

        return matched;
    }

    /// <summary>Never an entry a regular expression decides: those the pass leaves to <see cref="Matches"/>, which logs a time-out.</summary>
    public bool DropsUnparsed(ParsedLogEntry entry) => Query.SurelyRejects(entry);

    private static string InsertId(JsonElement logEntry) => logEntry.GetStringOrEmpty("insertId");

    [LoggerMessage(Level = LogLevel.Warning, Message = "A regular expression of the filter ({Origin}) ran out of time on entry {InsertId}; it counted as no match")]
    private static partial void LogRegexTimeout(ILogger logger, string origin, string insertId);
}
