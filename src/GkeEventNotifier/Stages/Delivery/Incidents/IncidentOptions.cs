using GkeEventNotifier.Model;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>How incidents resolve by re-check, from environment variables, validated at start-up.</summary>
public sealed class IncidentOptions
{
    public const string StableVariable = "RECOVERY_STABLE_MINUTES";
    public const string ChecksVariable = "RECOVERY_CHECKS_PER_SWEEP";

    /// <summary>
    /// A workload with no recovery event of its own (a crash loop) resolves once its pods have been Ready with the same
    /// restart counts this long; a failure within this long after it resolved reopens the same thread.
    /// </summary>
    [SettingRange(StableVariable, 1, 1440, "minutes")]
    public int StableMinutes { get; set; } = 10;

    /// <summary>Cluster reads one sweep makes at most (one namespace-scoped list each); the rest wait for the next sweep.</summary>
    [SettingRange(ChecksVariable, 1, 500, "cluster reads per sweep")]
    public int ChecksPerSweep { get; set; } = 20;

    public TimeSpan Stable => TimeSpan.FromMinutes(StableMinutes);

    public static void Bind(IncidentOptions options, IConfiguration configuration)
    {
        options.StableMinutes = Settings.Integer(configuration, StableVariable, options.StableMinutes);
        options.ChecksPerSweep = Settings.Integer(configuration, ChecksVariable, options.ChecksPerSweep);
    }
}
