using GkeEventNotifier.Model;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>How incidents resolve by re-check, from environment variables, validated at start-up.</summary>
public sealed class IncidentOptions
{
    public const string StableVariable = "RECOVERY_STABLE_MINUTES";
    public const string ChecksVariable = "RECOVERY_CHECKS_PER_SWEEP";
    public const string SchedulingGraceVariable = "SCHEDULING_GRACE_MINUTES";
    public const string VolumeGraceVariable = "VOLUME_GRACE_MINUTES";

    /// <summary>
    /// A workload with no recovery event of its own (a crash loop) resolves once its pods have been Ready with the same
    /// restart counts this long; a failure within this long after it resolved reopens the same thread.
    /// </summary>
    [SettingRange(StableVariable, 1, 1440, "minutes")]
    public int StableMinutes { get; set; } = 10;

    /// <summary>Cluster reads one sweep makes at most (one namespace-scoped list each); the rest wait for the next sweep.</summary>
    [SettingRange(ChecksVariable, 1, 500, "cluster reads per sweep")]
    public int ChecksPerSweep { get; set; } = 20;

    /// <summary>
    /// A pod the scheduler cannot place waits this long before it alerts: the cluster autoscaler's scale-up usually
    /// places it within a few minutes (it gives a new node 15 minutes at most). 0 alerts at once.
    /// </summary>
    [SettingRange(SchedulingGraceVariable, 0, 240, "minutes")]
    public int SchedulingGraceMinutes { get; set; } = 15;

    /// <summary>
    /// A volume that fails to attach or mount waits this long before it alerts: a Multi-Attach during a rollout clears
    /// once the old pod's node lets go of the disk (the attach/detach controller forces it after 6 minutes). 0 alerts at once.
    /// </summary>
    [SettingRange(VolumeGraceVariable, 0, 240, "minutes")]
    public int VolumeGraceMinutes { get; set; } = 10;

    public TimeSpan? SchedulingGrace => SchedulingGraceMinutes > 0 ? TimeSpan.FromMinutes(SchedulingGraceMinutes) : null;

    public TimeSpan? VolumeGrace => VolumeGraceMinutes > 0 ? TimeSpan.FromMinutes(VolumeGraceMinutes) : null;

    public TimeSpan Stable => TimeSpan.FromMinutes(StableMinutes);

    public static void Bind(IncidentOptions options, IConfiguration configuration)
    {
        options.StableMinutes = Settings.Integer(configuration, StableVariable, options.StableMinutes);
        options.ChecksPerSweep = Settings.Integer(configuration, ChecksVariable, options.ChecksPerSweep);
        options.SchedulingGraceMinutes = Settings.Integer(configuration, SchedulingGraceVariable, options.SchedulingGraceMinutes);
        options.VolumeGraceMinutes = Settings.Integer(configuration, VolumeGraceVariable, options.VolumeGraceMinutes);
    }
}
