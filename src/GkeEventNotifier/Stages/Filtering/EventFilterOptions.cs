using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Stages.Filtering;

/// <summary>Which filter the function applies: <c>EVENT_FILTER</c> (query text) or <c>EVENT_FILTER_FILE</c> (a path); neither → the built-in default.</summary>
public sealed class EventFilterOptions
{
    public const string FilterVariable = "EVENT_FILTER";
    public const string FilterFileVariable = "EVENT_FILTER_FILE";

    public string? Filter { get; set; }

    public string? FilterFile { get; set; }

    public static void Bind(EventFilterOptions options, IConfiguration configuration)
    {
        options.Filter = NullIfBlank(configuration[FilterVariable]);
        options.FilterFile = NullIfBlank(configuration[FilterFileVariable]);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
