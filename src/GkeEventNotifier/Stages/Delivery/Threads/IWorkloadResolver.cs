using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>
/// Names the owning workload of an event's object, for the grouping key. Narrow on purpose: the event-only
/// implementation can be replaced by one that asks the cluster (owner references) without touching the threads.
/// </summary>
public interface IWorkloadResolver
{
    WorkloadRef Resolve(EventLogEntry entry);
}
