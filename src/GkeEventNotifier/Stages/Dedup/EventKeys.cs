using GkeEventNotifier.Model;
using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Stages.Dedup;

/// <summary>
/// The identities under which one alert is remembered: the Pub/Sub message (a redelivery repeats its messageId), the
/// Kubernetes event (GKE writes a new LogEntry for every update of an event, with the same metadata.uid), and what
/// links a <c>(combined from similar events): </c> entry to the events it stands for (the kubelet's aggregator gives it
/// a uid of its own): the involved object, the reason, and what tells two such events apart. For OOMKilling the object
/// is the Node, so the killed process (pid and name) is part of it: java then postgres killed on one node are two alerts.
/// </summary>
internal sealed record EventKeys(string Message, string Event, string Similar, bool IsCombined)
{
    public const string CombinedPrefix = "(combined from similar events): ";

    /// <summary>The message id as the ledger keeps it: hashed (bounded, and no event text kept).</summary>
    public string MessageHash => RecordKey.Hash(Message, 12);

    public static EventKeys Of(string messageId, EventLogEntry entry)
    {
        var e = entry.Event;
        var cluster = entry.Cluster.ToString();
        var involved = e.InvolvedObject;
        var objectId = involved.Uid is { Length: > 0 } uid ? uid : $"{involved.Kind}/{involved.Namespace}/{involved.Name}";
        var distinct = KilledProcess(e.Message) is { } process ? $"/{process}" : "";
        return new EventKeys(
            $"message {messageId}",
            e.Uid is { Length: > 0 } eventUid ? $"event {cluster}/{eventUid}" : $"entry {entry.InsertId}",
            $"object {cluster}/{objectId}/{e.Reason}{distinct}",
            e.Message.StartsWith(CombinedPrefix, StringComparison.Ordinal));
    }

    /// <summary>
    /// "pid (name)" from the kernel's <c>Killed process 1234 (java)</c>, found in one pass (event text is hostile: no
    /// regex); null when the message has none.
    /// </summary>
    internal static string? KilledProcess(string message)
    {
        const string marker = "Killed process ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = message.AsSpan(at + marker.Length);
        var digits = 0;
        while (digits < rest.Length && digits < 10 && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }

        if (digits == 0 || !rest[digits..].StartsWith(" (", StringComparison.Ordinal))
        {
            return null;
        }

        var name = rest[(digits + 2)..];
        var close = name[..Math.Min(name.Length, 65)].IndexOf(')');
        return close <= 0 ? null : $"{rest[..digits]} ({name[..close]})";
    }
}
