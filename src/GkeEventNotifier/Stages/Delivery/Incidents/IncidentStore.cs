using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>Incidents in the alert state: read, create if absent, replace if unchanged, and the open ones for a sweep.</summary>
internal sealed class IncidentStore(IAlertStateStore store)
{
    /// <summary>Open incidents one sweep looks at, at most: the store holds them in no order, the sweep takes the most overdue.</summary>
    public const int MaxListed = 500;

    public async Task<(Incident? Incident, string? Version)> ReadAsync(RecordKey key, CancellationToken cancellationToken) =>
        await store.ReadAsync(key, cancellationToken) is { } stored && Incident.FromRecord(stored.Record) is { } incident
            ? (incident, stored.Version)
            : (null, null);

    /// <summary>Writes the incident: a create when there was none (<paramref name="version"/> null), else a replace of that version. False when another write won.</summary>
    public async Task<bool> TryWriteAsync(Incident incident, string? version, CancellationToken cancellationToken)
    {
        var key = Incident.KeyFor(incident.Receiver, incident.Problem, incident.Subject);
        var written = version is null
            ? await store.TryCreateAsync(key, incident.ToRecord(), cancellationToken)
            : await store.TryReplaceAsync(key, incident.ToRecord(), version, cancellationToken);
        return written is not null;
    }

    /// <summary>
    /// The receiver's open incidents of one subject (every problem of a node that left the cluster): one equality query on
    /// the subject's name, at most <see cref="MaxListed"/> records, kept to that cluster, namespace and kind.
    /// </summary>
    public async Task<IReadOnlyList<Incident>> ListOpenOfAsync(string receiver, IncidentSubject subject, CancellationToken cancellationToken) =>
        (await store.ListAsync(Incident.Collection, "name", subject.Workload.Name, MaxListed, cancellationToken))
            .Select(listed => Incident.FromRecord(listed.Stored.Record))
            .OfType<Incident>()
            .Where(incident => incident.IsOpen && incident.Receiver == receiver && incident.Subject.Cluster == subject.Cluster
                && incident.Subject.Namespace == subject.Namespace && incident.Subject.Workload == subject.Workload)
            .ToList();

    public async Task<IReadOnlyList<(Incident Incident, string Version)>> ListOpenAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(Incident.Collection, Incident.StateField, Incident.Open, MaxListed, cancellationToken))
            .Select(listed => (Incident: Incident.FromRecord(listed.Stored.Record), listed.Stored.Version))
            .Where(found => found.Incident is { IsOpen: true })
            .Select(found => (found.Incident!, found.Version))
            .ToList();
}
