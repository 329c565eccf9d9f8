using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Pacing;

/// <summary>
/// The slots of one Slack channel, as a generic cell rate algorithm: <see cref="PacingOptions.Burst"/> messages at once,
/// then one per <see cref="PacingOptions.Interval"/>. While a batch is open every alert joins it, so a burst becomes
/// one summary instead of minutes of queued messages.
/// </summary>
internal sealed class ChannelLane(PacingOptions options)
{
    private readonly Lock gate = new();
    private readonly TimeSpan tolerance = options.Interval * (options.Burst - 1);
    private DateTimeOffset? theoreticalArrival;
    private PendingBatch? open;

    public PaceTicket Enter(Alert alert, DateTimeOffset now)
    {
        lock (gate)
        {
            if (open is not null)
            {
                return open.TryAdd(alert.Kept()) ? new PaceTicket.InBatch(open, Opened: false, TimeSpan.Zero) : new PaceTicket.Refused();
            }

            var wait = ReserveSlot(now);
            if (wait <= options.MaxWait)
            {
                return new PaceTicket.Own(wait);
            }

            open = new PendingBatch(now, options.MaxBatch);
            open.TryAdd(alert.Kept());
            return new PaceTicket.InBatch(open, Opened: true, wait);
        }
    }

    /// <summary>Stops the batch taking alerts (the next alert opens a new one) and returns what it holds.</summary>
    public IReadOnlyList<Alert> Close(PendingBatch batch)
    {
        lock (gate)
        {
            if (ReferenceEquals(open, batch))
            {
                open = null;
            }

            return batch.Snapshot();
        }
    }

    /// <summary>
    /// A slot for a message that must be sent whatever the wait (a part of a summary's listing): it counts against the
    /// channel's rate like any other message, so alerts arriving meanwhile are summarised instead of crowding it.
    /// </summary>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        lock (gate)
        {
            return ReserveSlot(now);
        }
    }

    private TimeSpan ReserveSlot(DateTimeOffset now)
    {
        var arrival = theoreticalArrival is { } tat && tat > now ? tat : now;
        var slot = arrival - tolerance > now ? arrival - tolerance : now;
        theoreticalArrival = arrival + options.Interval;
        return slot - now;
    }
}
