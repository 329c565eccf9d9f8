namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// A pod of a workload as a re-check sees it: its revision (a Deployment's ReplicaSet hash, else null), whether it is
/// Ready (a pod that ran to completion counts as fine), and its containers' restarts so far.
/// </summary>
internal sealed record WorkloadPod(string Name, string? Revision, bool Ready, int Restarts);
