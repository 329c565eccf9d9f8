using GkeEventNotifier.Configuration;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Dedup;

/// <summary>How long one Kubernetes event stays "already alerted", and how many events are remembered at most.</summary>
public sealed class DedupOptions
{
    public const string WindowVariable = "DEDUP_WINDOW_SECONDS";
    public const string MaxEventsVariable = "DEDUP_MAX_EVENTS";

    /// <summary>
    /// Repeats within this many seconds of the first alert are counted, not posted. 10 minutes covers Pub/Sub's
    /// redelivery backoff (up to 600 s) and the kubelet's repeated updates of one event; 0 turns deduplication off.
    /// </summary>
    [Range(0, 86_400, ErrorMessage = "DEDUP_WINDOW_SECONDS must be between 0 and 86400.")]
    public int WindowSeconds { get; set; } = 600;

    /// <summary>The memory bound: beyond this many remembered events the oldest are forgotten first (~1 KiB each).</summary>
    [Range(100, 1_000_000, ErrorMessage = "DEDUP_MAX_EVENTS must be between 100 and 1000000.")]
    public int MaxEvents { get; set; } = 10_000;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public static void Bind(DedupOptions options, IConfiguration configuration)
    {
        options.WindowSeconds = Settings.Integer(configuration, WindowVariable, options.WindowSeconds);
        options.MaxEvents = Settings.Integer(configuration, MaxEventsVariable, options.MaxEvents);
    }
}
