using GkeEventNotifier.Stages.Filtering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Composition;

public static class FilteringServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEventFilter"/> from <c>EVENT_FILTER</c>, <c>EVENT_FILTER_FILE</c> or the built-in default.
    /// The query is validated on start (an invalid filter stops the host with the variable, line and column) and
    /// compiled once; resolving <see cref="IEventFilter"/> outside a host fails the same way, with an
    /// <see cref="OptionsValidationException"/>.
    /// </summary>
    public static IServiceCollection AddEventFilter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<EventFilterOptions>(options => EventFilterOptions.Bind(options, configuration));
        services.AddSingleton<IValidateOptions<EventFilterOptions>, EventFilterOptionsValidator>();
        services.AddSingleton(provider => QueryEventFilter.Create(
            provider.GetRequiredService<IOptions<EventFilterOptions>>().Value,
            provider.GetService<ILogger<QueryEventFilter>>()));
        services.AddSingleton<IEventFilter>(provider => provider.GetRequiredService<QueryEventFilter>());
        return services;
    }
}
