using GkeEventNotifier.Decoding;

namespace GkeEventNotifier.Dedup;

/// <summary>
/// The identities under which one alert is remembered: the Pub/Sub message (a redelivery repeats its messageId), the
/// Kubernetes event (GKE writes a new LogEntry for every update of an event, with the same metadata.uid), and the
/// involved object + reason, which is all that links a <c>(combined from similar events): </c> entry to the events it
/// stands for (the kubelet's aggregator gives it a uid of its own).
/// </summary>
internal sealed record EventKeys(string Message, string Event, string Similar, bool IsCombined)
{
    public const string CombinedPrefix = "(combined from similar events): ";

    public static EventKeys Of(string messageId, EventLogEntry entry)
    {
        var e = entry.Event;
        var cluster = entry.Cluster.ToString();
        var involved = e.InvolvedObject;
        var objectId = involved.Uid is { Length: > 0 } uid ? uid : $"{involved.Kind}/{involved.Namespace}/{involved.Name}";
        return new EventKeys(
            $"message {messageId}",
            e.Uid is { Length: > 0 } eventUid ? $"event {cluster}/{eventUid}" : $"entry {entry.InsertId}",
            $"object {cluster}/{objectId}/{e.Reason}",
            e.Message.StartsWith(CombinedPrefix, StringComparison.Ordinal));
    }

    public IEnumerable<string> All => [Message, Event, Similar];
}
