namespace GkeEventNotifier.Model;

/// <summary>
/// A core/v1 Event as GKE's event exporter writes it into <c>jsonPayload</c>, reduced to what alerts use.
/// <see cref="LastSeen"/> is never missing: the decoder falls back to the LogEntry timestamp, because the
/// exporter strips <c>count</c> and <c>firstTimestamp</c> and older exporters strip <c>lastTimestamp</c> too.
/// </summary>
public sealed record KubernetesEvent(
    string Reason,
    string Message,
    string Type,
    ObjectRef InvolvedObject,
    DateTimeOffset LastSeen,
    string? Uid = null,
    string? Namespace = null,
    string? SourceComponent = null,
    string? SourceHost = null,
    DateTimeOffset? FirstSeen = null,
    int? Count = null)
{
    public bool IsWarning => string.Equals(Type, "Warning", StringComparison.OrdinalIgnoreCase);
}
