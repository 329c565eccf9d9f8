namespace GkeEventNotifier.Cli.Commands;

/// <summary>
/// Replay's clock: "now" is the timestamp of the entry being replayed, so dedup windows, grouping windows and CronJob
/// recovery see the time the events happened, not the time of the replay. It never moves back (an entry without a
/// timestamp, or an older one, keeps the current time). Timers and timestamps stay real: Slack retries and
/// time-outs run in the caller's time.
/// </summary>
internal sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public void MoveTo(DateTimeOffset eventTime)
    {
        if (eventTime > now)
        {
            now = eventTime;
        }
    }

    public override DateTimeOffset GetUtcNow() => now;
}
