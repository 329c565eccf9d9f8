namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>What a re-check of an open incident found in the cluster.</summary>
internal abstract record Recheck
{
    private Recheck()
    {
    }

    /// <summary>
    /// Healthy now. <see cref="Fingerprint"/> changes whenever something that would undo the recovery changes (a restart,
    /// a new pod): the incident resolves once it has stayed the same for RECOVERY_STABLE_MINUTES. <see cref="State"/> says
    /// what was seen, for the recovery message ("pods Ready, restart counts unchanged").
    /// </summary>
    public sealed record Healthy(string Fingerprint, string State = WorkloadHealth.ReadyState) : Recheck;

    /// <summary>Still failing: the stability clock starts again.</summary>
    public sealed record Failing(string Why) : Recheck;

    /// <summary>The subject is gone or was replaced (a new rollout, deleted, scaled to zero): the incident closes with <see cref="Why"/>.</summary>
    public sealed record Replaced(string Why) : Recheck;

    /// <summary>The cluster could not be read: the incident stays as it is until the next sweep.</summary>
    public sealed record Unknown(string Why) : Recheck;
}
