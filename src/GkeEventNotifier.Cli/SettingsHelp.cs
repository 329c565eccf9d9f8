namespace GkeEventNotifier.Cli;

/// <summary>The environment variables each command reads, as <c>--help</c> lists them (the README's settings table says more).</summary>
internal static class SettingsHelp
{
    public static readonly string[] Slack =
    [
        "SLACK_BOT_TOKEN + SLACK_CHANNEL, or SLACK_WEBHOOK_URL: where alerts go (neither: printed to stdout)",
        "SLACK_API_URL, SLACK_TIMEOUT_SECONDS: Slack endpoint and time limit per alert",
        "SLACK_MESSAGE_INTERVAL_MS, SLACK_BURST, SLACK_MAX_WAIT_SECONDS, SLACK_MAX_BATCH: pacing",
    ];

    public static readonly string[] Filter =
    [
        "EVENT_FILTER (query text) or EVENT_FILTER_FILE (a path): the filter (neither: the built-in default)",
    ];

    public static readonly string[] Routing =
    [
        "NOTIFIER_CONFIG_FILE: the routing file (receivers, routes, drop rules)",
    ];

    public static readonly string[] Pipeline =
    [
        "DEDUP_WINDOW_SECONDS, DEDUP_MAX_EVENTS: repeats counted instead of posted",
        "ALERT_GROUP_WINDOW_MINUTES, ALERT_BURST_THRESHOLD: grouping into threads and summaries",
        "KUBECONFIG, or GOOGLE_APPLICATION_CREDENTIALS with GKE_API_URL: pod look-ups (KUBERNETES_TIMEOUT_SECONDS each)",
        "ALERT_STATE (memory or firestore), FIRESTORE_PROJECT, FIRESTORE_DATABASE, FIRESTORE_EMULATOR_HOST, STATE_TIMEOUT_SECONDS, STATE_LEASE_SECONDS: alert state",
    ];

    public static IReadOnlyList<string> All => [.. Slack, .. Filter, .. Routing, .. Pipeline];
}
