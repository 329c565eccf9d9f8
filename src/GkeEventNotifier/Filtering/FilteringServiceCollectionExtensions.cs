using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Filtering;

public static class FilteringServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEventFilter"/> from <c>EVENT_FILTER</c>, <c>EVENT_FILTER_FILE</c> or the built-in default.
    /// The query is parsed here, while the host is being built, so an invalid filter stops the start-up with an
    /// <see cref="InvalidFilterException"/> naming the variable, line and column, rather than failing on the first event.
    /// </summary>
    public static IServiceCollection AddEventFilter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var filter = QueryEventFilter.FromConfiguration(configuration);
        return services.AddSingleton<IEventFilter>(filter).AddSingleton(filter);
    }
}
