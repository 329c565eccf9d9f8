namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// A pod of a workload as a re-check sees it: its revision (a Deployment's ReplicaSet hash, else null), whether it is
/// Ready (a pod that ran to completion counts as fine), its containers' restarts so far, whether the scheduler has
/// placed it on a node, and whether it is running (its volumes mounted and containers started, or run to completion).
/// </summary>
internal sealed record WorkloadPod(string Name, string? Revision, bool Ready, int Restarts, bool Scheduled = true, bool Running = true);
