using GkeEventNotifier.Adapters.Kubernetes;
using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Adapters.State.Firestore;
using GkeEventNotifier.Adapters.State;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Stages.Dedup;
using GkeEventNotifier.Stages.Delivery.BlindSpots;
using GkeEventNotifier.Stages.Delivery.CronJobs;
using GkeEventNotifier.Stages.Delivery.Nodes;
using GkeEventNotifier.Stages.Delivery.Incidents;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Delivery;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Stages.Pacing;
using GkeEventNotifier.Stages.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Composition;

/// <summary>
/// The stages of the product, wired once for both front ends (function host and CLI), in the order data flows:
/// filter → dedup → enrichers → Slack (paced) → pipeline. Settings come from <see cref="IConfiguration"/> (environment variables).
/// </summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddGkeEventNotifier(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddEventFilter(configuration);
        services.AddDedup(configuration);
        services.AddOomResolution(configuration);
        services.AddSingleton<IEventEnricher, ObjectNameCheck>();
        services.AddSingleton<IEventEnricher, NodeContextEnricher>();
        services.AddSlack(configuration);
        services.AddRouting(configuration);
        services.AddThreads(configuration);
        services.AddSettings<OutcomeLogOptions>(options => OutcomeLogOptions.Bind(options, configuration));
        services.AddSingleton<EventPipeline>();
        return services;
    }

    private static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SlackOptions>(options => SlackOptions.Bind(options, configuration));
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddHttpClient(nameof(SlackWebApiTransport)).RemoveAllLoggers();
        services.AddHttpClient(nameof(SlackWebhookTransport)).RemoveAllLoggers();
        services.AddSingleton<ISlackClient>(CreateSlackClient);
        services.AddSingleton<SlackNotifier>();
        services.AddSettings<PacingOptions>(options => PacingOptions.Bind(options, configuration));
        services.AddSingleton<AlertPacer>();
        return services;
    }

    private static IServiceCollection AddDedup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DedupOptions>(options => DedupOptions.Bind(options, configuration));
        services.AddSettings<AlertStateOptions>(options => AlertStateOptions.Bind(options, configuration));
        services.AddHttpClient(FirestoreEndpoint.HttpClientName, (provider, http) => http.Timeout = provider.GetRequiredService<IOptions<AlertStateOptions>>().Value.Timeout)
            .RemoveAllLoggers();
        services.AddSingleton<FirestoreEndpoint>();
        services.AddSingleton<FirestoreAlertStateStore>();
        services.TryAddSingleton<IAlertStateStore>(CreateAlertStateStore);
        services.AddSingleton<AlertLedger>();
        services.AddSingleton<EventDeduplicator>();
        services.AddSingleton<RepeatUpdater>();
        return services;
    }

    private static IServiceCollection AddThreads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ThreadOptions>(options => ThreadOptions.Bind(options, configuration));
        services.TryAddSingleton<IWorkloadResolver, EventWorkloadResolver>();
        services.AddSingleton<GroupStore>();
        services.AddSingleton<SharedGroups>();
        services.AddSingleton<AlertThreads>();
        services.TryAddSingleton<ICronJobRuns, KubernetesCronJobRuns>();
        services.AddSingleton<CronJobRecovery>();
        services.AddSingleton<BlindSpotNotices>();
        return services.AddIncidents(configuration);
    }

    /// <summary>The open → recovered lifecycle and its rules; another rule plugs in as one more <see cref="IIncidentRule"/>.</summary>
    private static IServiceCollection AddIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<IncidentOptions>(options => IncidentOptions.Bind(options, configuration));
        services.TryAddSingleton<IWorkloadPods, KubernetesWorkloadPods>();
        services.AddSingleton<WorkloadHealth>();
        services.AddSingleton<IIncidentRule, CrashLoopRule>();
        services.AddSingleton<IIncidentRule, ImagePullRule>();
        services.AddSingleton<IIncidentRule, LivenessProbeRule>();
        services.AddSingleton<IIncidentRule, FailedCreateRule>();
        services.AddSingleton<IIncidentRule, SchedulingRule>();
        services.AddSingleton<IIncidentRule, VolumeRule>();
        services.TryAddSingleton<IClusterNodes, KubernetesNodes>();
        services.AddSingleton<IIncidentRule, NodeProblemRule>();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IncidentLifecycle>();
        services.AddSingleton<IncidentSweep>();
        return services;
    }

    private static IServiceCollection AddRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<RoutingOptions>(options => RoutingOptions.Bind(options, configuration));
        services.AddSingleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>();
        services.TryAddSingleton(configuration);
        services.AddSingleton(RoutingTableFactory.Create);
        return services;
    }

    /// <summary>ALERT_STATE: this instance's memory, or Firestore shared by every instance with memory behind it for when Firestore fails.</summary>
    private static IAlertStateStore CreateAlertStateStore(IServiceProvider provider)
    {
        var memory = new MemoryAlertStateStore(provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IOptions<DedupOptions>>().Value.MaxEvents);
        return provider.GetRequiredService<IOptions<AlertStateOptions>>().Value.IsFirestore
            ? ActivatorUtilities.CreateInstance<FallbackAlertStateStore>(provider, provider.GetRequiredService<FirestoreAlertStateStore>(), memory)
            : memory;
    }

    /// <summary>Bot token → Web API; webhook → webhook; neither → stdout. HttpClient loggers are removed: they would log the webhook URL.</summary>
    internal static ISlackClient CreateSlackClient(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<SlackOptions>>().Value;
        var clients = provider.GetRequiredService<IHttpClientFactory>();
        ISlackTransport? transport = options.Mode switch
        {
            SlackMode.WebApi => new SlackWebApiTransport(clients.CreateClient(nameof(SlackWebApiTransport)), options),
            SlackMode.Webhook => new SlackWebhookTransport(clients.CreateClient(nameof(SlackWebhookTransport)), options),
            _ => null,
        };
        return transport is null
            ? new ConsoleSlackClient(provider.GetService<ConsoleOutput>()?.Writer ?? Console.Out)
            : ActivatorUtilities.CreateInstance<RetryingSlackClient>(provider, transport, options);
    }
}

/// <summary>Where console-mode alerts are written; tests and the CLI replace it.</summary>
public sealed record ConsoleOutput(TextWriter Writer);
