using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Stages.Dedup;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Pacing;
using GkeEventNotifier.Stages.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>What the function would run with, one line per topic, in words; never a token or a webhook URL.</summary>
internal static class SettingsSummary
{
    public static IEnumerable<(string Topic, string Text)> Describe(IServiceProvider services)
    {
        yield return ("Slack", Slack(Options<SlackOptions>(services)));
        yield return ("Filter", services.GetRequiredService<QueryEventFilter>().Origin);
        yield return ("Routing", Routing(Options<RoutingOptions>(services), services.GetRequiredService<RoutingTable>()));
        yield return ("Cluster access", ClusterAccess(Options<KubernetesOptions>(services)));
        yield return ("State", State(Options<AlertStateOptions>(services)));
        var dedup = Options<DedupOptions>(services);
        var threads = Options<ThreadOptions>(services);
        var pacing = Options<PacingOptions>(services);
        yield return ("Dedup", dedup.WindowSeconds == 0 ? "off" : $"repeats within {dedup.WindowSeconds} s are counted, not posted (at most {dedup.MaxEvents} events remembered)");
        yield return ("Grouping", threads.WindowMinutes == 0 ? "off" : $"alerts of one workload within {threads.WindowMinutes} min share a thread; beyond {threads.BurstThreshold} they are summarised");
        yield return ("Pacing", $"{pacing.Burst} messages at once, then one every {pacing.IntervalMilliseconds} ms; an alert waits at most {pacing.MaxWaitSeconds} s for a slot");
    }

    private static T Options<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;

    private static string Slack(SlackOptions slack) => slack.Mode switch
    {
        SlackMode.WebApi => $"Web API (chat.postMessage on {slack.ApiBaseUri.Host}) to channel {slack.Channel}, with SLACK_BOT_TOKEN",
        SlackMode.Webhook => "incoming webhook (SLACK_WEBHOOK_URL)",
        _ => "none: alerts are printed to stdout (set SLACK_BOT_TOKEN and SLACK_CHANNEL, or SLACK_WEBHOOK_URL)",
    };

    private static string Routing(RoutingOptions options, RoutingTable table) => options.ConfigFile is null
        ? $"no routing file (NOTIFIER_CONFIG_FILE): every alert goes to the Slack destination above"
        : $"{options.ConfigFile}: {table.Drops.Count} drop rule(s), {table.Routes.Count} route(s) to "
          + string.Join(", ", table.Routes.Select(route => route.Receiver.Name).Append(table.Default.Name).Distinct(StringComparer.Ordinal))
          + $"; unmatched alerts go to {table.Default.Name}";

    private static string State(AlertStateOptions state) => state.IsFirestore
        ? $"Firestore database {state.Database}" + (state.Project is null ? "" : $" in project {state.Project}")
          + (state.EmulatorHost is null ? "" : $" (emulator at {state.EmulatorHost})") + ", shared by every instance"
        : "in this process's memory (ALERT_STATE=memory): each instance keeps its own";

    private static string ClusterAccess(KubernetesOptions kubernetes) => kubernetes.Mode switch
    {
        ClusterAccessMode.Kubeconfig => $"pod look-ups through KUBECONFIG ({kubernetes.Kubeconfig}), {kubernetes.TimeoutSeconds} s each",
        ClusterAccessMode.GkeApi => $"pod look-ups through the GKE API ({kubernetes.GkeApiBaseUri.Host}), {kubernetes.TimeoutSeconds} s each",
        _ => "none: OOM alerts name no pod (set KUBECONFIG, or run on Google Cloud)",
    };
}
