namespace GkeEventNotifier.Stages.Pacing;

/// <summary>What a lane grants an alert: its own slot after a short wait, a place in a summary batch, or nothing (batch full).</summary>
internal abstract record PaceTicket
{
    private PaceTicket()
    {
    }

    public sealed record Own(TimeSpan Wait) : PaceTicket;

    /// <summary><see cref="Opened"/>: this alert started the batch, so its caller schedules the batch's post after <see cref="Wait"/>.</summary>
    public sealed record InBatch(PendingBatch Batch, bool Opened, TimeSpan Wait) : PaceTicket;

    public sealed record Refused : PaceTicket;
}
