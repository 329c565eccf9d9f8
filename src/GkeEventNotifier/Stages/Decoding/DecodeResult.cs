using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Decoding;

/// <summary>What decoding made of one Pub/Sub message.</summary>
public abstract record DecodeResult
{
    private DecodeResult()
    {
    }

    /// <summary>A Kubernetes event LogEntry, ready for the filter.</summary>
    public sealed record EventEntry(EventLogEntry Entry) : DecodeResult;

    /// <summary>
    /// A well-formed LogEntry that carries no Kubernetes event, such as the exporter's start-up notice
    /// (<c>textPayload</c> only). Logged and acknowledged; no alert.
    /// </summary>
    public sealed record NotAnEvent(string InsertId, string Description) : DecodeResult;

    /// <summary>
    /// GKE's event exporter started (again): "Event exporter started watching. Some events may have been lost up to this
    /// point." (<c>textPayload</c>, resource <c>k8s_cluster</c>). Events of <see cref="Cluster"/> before <see cref="At"/> may be missing.
    /// </summary>
    public sealed record ExporterStarted(string InsertId, ClusterRef Cluster, DateTimeOffset At, System.Text.Json.JsonElement Raw) : DecodeResult;

    /// <summary>Data that can never become an alert (not base64, not JSON, not a LogEntry). Poison: acknowledged and logged at ERROR.</summary>
    public sealed record Invalid(string Reason) : DecodeResult;
}
