using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>What makes alerts "the same problem": cluster, namespace, owning workload and reason.</summary>
public sealed record GroupKey(string Cluster, string Namespace, WorkloadRef Workload, string Reason)
{
    /// <summary>Longest key kept whole; the parts come from events, and the key goes into every group's metadata.</summary>
    public const int MaxIdLength = 256;

    /// <summary>
    /// The key as one string: stored in message metadata and compared on read-back. Beyond <see cref="MaxIdLength"/> its
    /// start is kept and the rest replaced by a hash of the whole, so two long keys still differ.
    /// </summary>
    public string Id => Bounded($"{Cluster}|{Namespace}|{Workload}|{Reason}");

    private static string Bounded(string id)
    {
        if (id.Length <= MaxIdLength)
        {
            return id;
        }

        Span<byte> digest = stackalloc byte[32];
        TextDigest.Sha256(id, digest);
        var hash = Convert.ToHexStringLower(digest[..16]);
        var keep = MaxIdLength - hash.Length - 1;
        return $"{id[..(char.IsHighSurrogate(id[keep - 1]) ? keep - 1 : keep)]}#{hash}";
    }

    public static GroupKey For(Alert alert, IWorkloadResolver workloads)
    {
        var e = alert.Entry.Event;
        return new GroupKey(
            alert.Entry.Cluster.ToString(),
            e.InvolvedObject.Namespace ?? e.Namespace ?? "",
            workloads.Resolve(alert.Entry),
            e.Reason);
    }
}
