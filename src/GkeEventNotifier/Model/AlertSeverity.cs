
namespace GkeEventNotifier.Model;

/// <summary>How loud an alert is: drives the colour bar and the emoji. Workload deaths are critical; other warnings are warnings.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

internal static class AlertSeverityRules
{
    private static readonly HashSet<string> CriticalReasons = new(StringComparer.Ordinal)
    {
        "OOMKilling", "Evicted", "BackoffLimitExceeded", "DeadlineExceeded", "OOMKilled",
    };

    /// <summary>Warnings whatever their event type: the node lifecycle controller records NodeNotReady as Normal.</summary>
    private static readonly HashSet<string> WarningReasons = new(StringComparer.Ordinal) { "NodeNotReady" };

    public static AlertSeverity Of(KubernetesEvent kubernetesEvent) =>
        WarningReasons.Contains(kubernetesEvent.Reason) ? AlertSeverity.Warning
        : !kubernetesEvent.IsWarning ? AlertSeverity.Info
        : CriticalReasons.Contains(kubernetesEvent.Reason) ? AlertSeverity.Critical
        : AlertSeverity.Warning;

    public static string Color(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "#D93F0B",
        AlertSeverity.Warning => "#E8A33D",
        _ => "#439FE0",
    };

    public static string Emoji(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => ":red_circle:",
        AlertSeverity.Warning => ":warning:",
        _ => ":information_source:",
    };
}
