using Microsoft.Extensions.Options;
using GkeEventNotifier.Composition;

namespace GkeEventNotifier.Function;

/// <summary>The host's own services: the endpoint, its settings, and the start-up report.</summary>
internal static class FunctionHostServices
{
    public static IServiceCollection AddFunctionHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<FunctionSettings>(settings => FunctionSettings.Bind(settings, configuration));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<FunctionSettings>>().Value);
        services.AddSingleton<FunctionEndpoint>();
        services.AddSingleton<StartupReport>();
        services.AddSingleton<InvalidSettingsReport>();
        return services;
    }
}
