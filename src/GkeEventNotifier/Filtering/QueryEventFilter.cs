using System.Text.Json;
using GkeEventNotifier.Filtering.Query;

namespace GkeEventNotifier.Filtering;

/// <summary>The function's filter: a Cloud Logging query evaluated on each LogEntry, as the sink evaluated it before.</summary>
internal sealed class QueryEventFilter(LoggingQuery query, string origin) : IEventFilter
{
    public LoggingQuery Query { get; } = query;

    /// <summary>Where the query came from (<c>EVENT_FILTER</c>, <c>EVENT_FILTER_FILE (path)</c> or the built-in default), for start-up logs.</summary>
    public string Origin { get; } = origin;

    public static QueryEventFilter FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var source = FilterSource.Resolve(configuration);
        return new QueryEventFilter(source.Compile(), source.Origin);
    }

    public bool Matches(JsonElement logEntry) => Query.Matches(logEntry);
}
