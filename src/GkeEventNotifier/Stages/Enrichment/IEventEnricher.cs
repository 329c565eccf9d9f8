using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>
/// Adds findings to an event that passed the filter (OOM → pods, Job → CronJob, …).
/// Policy: degrade, never drop. An enricher that cannot reach its source returns a finding that says so;
/// it throws only for cancellation.
/// </summary>
public interface IEventEnricher
{
    /// <summary>Whether this enricher has anything to say about the event (cheap; no I/O).</summary>
    bool AppliesTo(EventLogEntry entry);

    Task<IReadOnlyList<Finding>> EnrichAsync(EventLogEntry entry, CancellationToken cancellationToken);
}
