using GkeEventNotifier.Adapters.Kubernetes;
using GkeEventNotifier.Stages.Enrichment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Composition;

/// <summary>
/// Wires the cluster look-ups: settings (validated at start-up), cluster access chosen once from them (kubeconfig, GKE
/// API, or none), the pod directory and its enrichers (OOMKilling → container, failed Job → CronJob and pods, pod → workload).
/// </summary>
public static class KubernetesServiceCollectionExtensions
{
    public static IServiceCollection AddOomResolution(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<KubernetesOptions>(options => KubernetesOptions.Bind(options, configuration));
        services.AddSingleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>();
        services.AddHttpClient(GkeApiClient.HttpClientName).RemoveAllLoggers().AddStandardResilienceHandler();
        services.TryAddSingleton<IAccessTokenSource>(provider =>
            new RefreshingAccessTokenSource(ActivatorUtilities.CreateInstance<GoogleAccessTokenSource>(provider), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GkeApiClient>();
        services.AddSingleton<IClusterClients>(CreateClusterClients);
        services.AddSingleton<IPodDirectory, KubernetesPodDirectory>();
        services.AddSingleton<IEventEnricher, OomKillingEnricher>();
        services.AddSingleton<IEventEnricher, JobFailureEnricher>();
        services.AddSingleton<IEventEnricher, PodWorkloadEnricher>();
        return services;
    }

    private static IClusterClients CreateClusterClients(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<KubernetesOptions>>().Value.Mode switch
        {
            ClusterAccessMode.Kubeconfig => ActivatorUtilities.CreateInstance<KubeconfigClusterClients>(provider),
            ClusterAccessMode.GkeApi => ActivatorUtilities.CreateInstance<GkeClusterClients>(provider),
            _ => new NoClusterClients(),
        };
}
