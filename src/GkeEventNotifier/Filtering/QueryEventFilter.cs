using System.Text.Json;
using GkeEventNotifier.Filtering.Query;

namespace GkeEventNotifier.Filtering;

/// <summary>The function's filter: a Cloud Logging query evaluated on each LogEntry, as the sink evaluated it before.</summary>
internal sealed class QueryEventFilter(LoggingQuery query, string origin) : IEventFilter
{
    public LoggingQuery Query { get; } = query;

    /// <summary>Where the query came from (<c>EVENT_FILTER</c>, <c>EVENT_FILTER_FILE (path)</c> or the built-in default), for start-up logs.</summary>
    public string Origin { get; } = origin;

    /// <summary>Throws <see cref="InvalidFilterException"/> naming the setting when the filter cannot be read or parsed.</summary>
    public static QueryEventFilter Create(EventFilterOptions options)
    {
        var source = FilterSource.Resolve(options);
        return new QueryEventFilter(source.Compile(), source.Origin);
    }

    public bool Matches(JsonElement logEntry) => Query.Matches(logEntry);
}
