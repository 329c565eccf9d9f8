using GkeEventNotifier.Model;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>Grouping settings, from environment variables, validated at start-up.</summary>
public sealed class ThreadOptions
{
    public const string WindowVariable = "ALERT_GROUP_WINDOW_MINUTES";
    public const string BurstVariable = "ALERT_BURST_THRESHOLD";

    /// <summary>Alerts with the same key less than this long after the previous one join its group (0 disables grouping).</summary>
    [SettingRange(WindowVariable, 0, 10080, "minutes; 0 turns grouping off, 10080 is one week")]
    public int WindowMinutes { get; set; } = 60;

    /// <summary>Beyond this many alerts in one group, alerts are no longer posted one by one but summarised.</summary>
    [SettingRange(BurstVariable, 1, 1000, "alerts in one group")]
    public int BurstThreshold { get; set; } = 5;

    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);

    public static void Bind(ThreadOptions options, IConfiguration configuration)
    {
        options.WindowMinutes = Settings.Integer(configuration, WindowVariable, options.WindowMinutes);
        options.BurstThreshold = Settings.Integer(configuration, BurstVariable, options.BurstThreshold);
    }
}
