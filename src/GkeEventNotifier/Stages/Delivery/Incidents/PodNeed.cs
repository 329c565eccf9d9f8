namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>What a re-check needs of every pod of the workload.</summary>
internal enum PodNeed
{
    /// <summary>Ready (or run to completion).</summary>
    Ready,

    /// <summary>Placed on a node by the scheduler.</summary>
    Scheduled,

    /// <summary>Running (volumes mounted, containers started) or run to completion.</summary>
    Running,
}
