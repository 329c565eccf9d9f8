using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Pacing;

/// <summary>
/// Alerts that found no free Slack slot in time. They are posted together, as one summary, at the batch's reserved slot;
/// <see cref="Outcome"/> tells the dedup ledger whether they count as alerted (then their redeliveries are acknowledged).
/// </summary>
internal sealed class PendingBatch(DateTimeOffset openedAt, int capacity)
{
    private readonly List<Alert> alerts = [];
    private readonly TaskCompletionSource<PacedDelivery> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DateTimeOffset OpenedAt { get; } = openedAt;

    public Task<PacedDelivery> Outcome => outcome.Task;

    /// <summary>Only called under the lane's lock.</summary>
    public bool TryAdd(Alert alert)
    {
        if (alerts.Count >= capacity)
        {
            return false;
        }

        alerts.Add(alert);
        return true;
    }

    /// <summary>Only called under the lane's lock, once the batch is closed to new alerts.</summary>
    public IReadOnlyList<Alert> Snapshot() => alerts.ToArray();

    public void Complete(PacedDelivery delivery) => outcome.TrySetResult(delivery);

    public void Fail(Exception exception) => outcome.TrySetException(exception);
}
