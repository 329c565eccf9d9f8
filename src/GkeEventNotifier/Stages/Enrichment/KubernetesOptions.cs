using GkeEventNotifier.Model;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>
/// How the function reaches clusters for pod look-ups, from environment variables: <c>KUBECONFIG</c> if set; else, on
/// GCP (Cloud Run functions set <c>K_SERVICE</c>; elsewhere <c>GOOGLE_APPLICATION_CREDENTIALS</c>), each cluster through
/// the GKE API; else no look-ups, and OOM alerts say why.
/// </summary>
public sealed class KubernetesOptions
{
    public const string KubeconfigVariable = "KUBECONFIG";
    public const string GkeApiUrlVariable = "GKE_API_URL";
    public const string TimeoutVariable = "KUBERNETES_TIMEOUT_SECONDS";
    public const string CloudRunServiceVariable = "K_SERVICE";
    public const string CredentialsFileVariable = "GOOGLE_APPLICATION_CREDENTIALS";
    public const string ClusterProjectsVariable = "CLUSTER_PROJECTS";

    public static readonly Uri DefaultGkeApiUrl = new("https://container.googleapis.com/");

    public string? Kubeconfig { get; set; }

    public string? GkeApiUrl { get; set; }

    /// <summary>
    /// How long one look-up (listing a node's pods, or one owner) may take before the alert goes out without it.
    /// Well under the Pub/Sub acknowledgement deadline, so a slow API server degrades the alert instead of losing it.
    /// </summary>
    [SettingRange(TimeoutVariable, 1, 120, "seconds")]
    public int TimeoutSeconds { get; set; } = 10;

    public bool OnGoogleCloud { get; set; }

    /// <summary>
    /// The projects whose clusters the GKE API look-up may describe (and send the function's token to); empty: any
    /// project an entry names. Anyone who can write a LogEntry can name any project, so the deployed function sets it.
    /// </summary>
    public IReadOnlySet<string> ClusterProjects { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>How long a failed cluster look-up answers later entries naming that cluster, instead of a new call.</summary>
    public TimeSpan FailedLookupLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many failed cluster look-ups are remembered at most; beyond it, new clusters wait for one to expire.</summary>
    public int FailedLookupCapacity { get; set; } = 256;

    /// <summary>How far a container's finishedAt may be from the event time (node kernel and kubelet clocks differ by seconds).</summary>
    public TimeSpan MatchWindow { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one node's pod list answers later events: long enough for a burst, short enough to see new restarts.</summary>
    public TimeSpan NodePodsLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a cluster's endpoint and CA from the GKE API are reused.</summary>
    public TimeSpan ClusterInfoLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public ClusterAccessMode Mode =>
        Kubeconfig is not null ? ClusterAccessMode.Kubeconfig
        : OnGoogleCloud ? ClusterAccessMode.GkeApi
        : ClusterAccessMode.None;

    /// <summary>Never throws (data-annotation validation reads every property); a bad value is rejected by the validator.</summary>
    public Uri GkeApiBaseUri =>
        GkeApiUrl is not null && Uri.TryCreate(GkeApiUrl.EndsWith('/') ? GkeApiUrl : GkeApiUrl + "/", UriKind.Absolute, out var uri) ? uri : DefaultGkeApiUrl;

    public static void Bind(KubernetesOptions options, IConfiguration configuration)
    {
        options.Kubeconfig = Settings.Text(configuration, KubeconfigVariable);
        options.GkeApiUrl = Settings.Text(configuration, GkeApiUrlVariable);
        options.OnGoogleCloud = Settings.Text(configuration, CloudRunServiceVariable) is not null
            || Settings.Text(configuration, CredentialsFileVariable) is not null;
        options.TimeoutSeconds = Settings.Integer(configuration, TimeoutVariable, options.TimeoutSeconds);
        options.ClusterProjects = (Settings.Text(configuration, ClusterProjectsVariable) ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.Ordinal);
    }
}

/// <summary>Where pod look-ups go.</summary>
public enum ClusterAccessMode
{
    None,
    Kubeconfig,
    GkeApi,
}
