namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>The workload an event is about in the end (Deployment, CronJob, StatefulSet, …, or the object itself).</summary>
public sealed record WorkloadRef(string Kind, string Name)
{
    public override string ToString() => $"{Kind}/{Name}";
}
