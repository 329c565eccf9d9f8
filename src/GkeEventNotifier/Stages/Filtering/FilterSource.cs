using GkeEventNotifier.Stages.Filtering.Query;

namespace GkeEventNotifier.Stages.Filtering;

/// <summary>
/// Where the filter comes from: <c>EVENT_FILTER</c> (the query text), <c>EVENT_FILTER_FILE</c> (a path to it), or else
/// the built-in default. <see cref="Origin"/> names the source in every error message.
/// </summary>
internal sealed record FilterSource(string Text, string Origin, bool BuiltIn = false)
{
    private const string InlineVariable = EventFilterOptions.FilterVariable;
    private const string FileVariable = EventFilterOptions.FilterFileVariable;

    public static FilterSource Resolve(EventFilterOptions options) => (options.Filter, options.FilterFile) switch
    {
        ({ }, { }) => throw new InvalidFilterException($"{InlineVariable} and {FileVariable} are both set; set only one of them."),
        ({ } inline, null) => new FilterSource(inline, InlineVariable),
        (null, { } file) => FromFile(file),
        _ => new FilterSource(DefaultFilter.Text, "the built-in default filter", BuiltIn: true),
    };

    /// <summary>
    /// Parses the text; a syntax error becomes an <see cref="InvalidFilterException"/> that names the source. So does a
    /// query with no term (blank, or only comments): it would alert on every entry, which nobody means to set.
    /// </summary>
    public LoggingQuery Compile()
    {
        LoggingQuery query;
        try
        {
            query = BuiltIn ? LoggingQuery.ParseBuiltIn(Text) : LoggingQuery.Parse(Text);
        }
        catch (QuerySyntaxException e)
        {
            throw new InvalidFilterException($"{Origin} is not a valid Cloud Logging query: {e.Message}", e);
        }

        return query.IsEmpty
            ? throw new InvalidFilterException($"{Origin} holds no query (it is {(Text.Trim().Length == 0 ? "empty" : "only comments")}), which would alert on every entry: write a query, or unset {(Origin == InlineVariable ? InlineVariable : FileVariable)} to use the built-in default.")
            : query;
    }

    private static FilterSource FromFile(string path)
    {
        try
        {
            return new FilterSource(File.ReadAllText(path), $"{FileVariable} ({path})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InvalidFilterException($"{FileVariable} ({path}) cannot be read: {e.Message}", e);
        }
    }
}
