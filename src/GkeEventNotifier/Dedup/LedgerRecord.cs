using GkeEventNotifier.Rendering;
using GkeEventNotifier.Slack;

namespace GkeEventNotifier.Dedup;

/// <summary>
/// One alerted (or being alerted) Kubernetes event. Mutable, and only ever touched under the ledger's lock, except
/// <see cref="Settled"/>, which concurrent duplicates await while the first delivery is still on its way to Slack.
/// </summary>
internal sealed class LedgerRecord(DateTimeOffset claimedAt, int carriedOccurrences)
{
    private LinkedListNode<LedgerRecord>? node;
    private readonly TaskCompletionSource<bool> settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The alert as posted, to re-render with a new count; null until the post succeeded.</summary>
    public Alert? Alert { get; set; }

    public DateTimeOffset AlertedAt { get; set; } = claimedAt;

    /// <summary>Occurrences seen so far, including the ones counted before the previous window closed.</summary>
    public int Occurrences { get; set; } = carriedOccurrences + 1;

    public SlackPostResult Post { get; set; } = SlackPostResult.Unknown;

    /// <summary>Alerted inside a burst summary rather than on its own.</summary>
    public bool InSummary { get; set; }

    public bool IsPending => !settled.Task.IsCompleted;

    public List<string> Keys { get; } = [];

    /// <summary>Its place in the ledger's age order, so that a released or evicted record leaves in O(1).</summary>
    public LinkedListNode<LedgerRecord> Node => node ??= new LinkedListNode<LedgerRecord>(this);

    /// <summary>True once the alert reached Slack; false when it failed and the record was dropped.</summary>
    public Task<bool> Settled => settled.Task;

    public void Settle(bool posted) => settled.TrySetResult(posted);
}
