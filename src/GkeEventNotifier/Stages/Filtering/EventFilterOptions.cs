using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Stages.Filtering;

/// <summary>Which filter the function applies: <c>EVENT_FILTER</c> (query text) or <c>EVENT_FILTER_FILE</c> (a path); neither → the built-in default.</summary>
public sealed class EventFilterOptions
{
    public const string FilterVariable = "EVENT_FILTER";
    public const string FilterFileVariable = "EVENT_FILTER_FILE";

    public string? Filter { get; set; }

    public string? FilterFile { get; set; }

    /// <summary>
    /// An <c>EVENT_FILTER</c> that is set but blank stays blank, so that it fails as a query with no term instead of
    /// silently meaning the default; a blank <c>EVENT_FILTER_FILE</c> names no file and counts as unset.
    /// </summary>
    public static void Bind(EventFilterOptions options, IConfiguration configuration)
    {
        options.Filter = configuration[FilterVariable];
        options.FilterFile = NullIfBlank(configuration[FilterFileVariable]);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
