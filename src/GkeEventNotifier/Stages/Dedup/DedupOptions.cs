using GkeEventNotifier.Model;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Stages.Dedup;

/// <summary>How long one Kubernetes event stays "already alerted", and how many events are remembered at most.</summary>
public sealed class DedupOptions
{
    public const string WindowVariable = "DEDUP_WINDOW_SECONDS";
    public const string MaxEventsVariable = "DEDUP_MAX_EVENTS";

    /// <summary>
    /// Repeats within this many seconds of the first alert are counted, not posted. 10 minutes covers Pub/Sub's
    /// redelivery backoff (up to 600 s) and the kubelet's repeated updates of one event; 0 turns deduplication off.
    /// </summary>
    [SettingRange(WindowVariable, 0, 86_400, "seconds; 0 turns deduplication off")]
    public int WindowSeconds { get; set; } = 600;

    /// <summary>The memory bound: beyond this many remembered events the oldest are forgotten first (~1 KiB each).</summary>
    [SettingRange(MaxEventsVariable, 100, 1_000_000, "events remembered")]
    public int MaxEvents { get; set; } = 10_000;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public static void Bind(DedupOptions options, IConfiguration configuration)
    {
        options.WindowSeconds = Settings.Integer(configuration, WindowVariable, options.WindowSeconds);
        options.MaxEvents = Settings.Integer(configuration, MaxEventsVariable, options.MaxEvents);
    }
}
