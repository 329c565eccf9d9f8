using GkeEventNotifier.Model;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Stages.Pacing;

/// <summary>
/// Slack allows about one message per second per channel, with short bursts. These settings keep the function inside
/// that: a few messages at once, then one per interval; what cannot get a slot within a short wait is summarised.
/// </summary>
public sealed class PacingOptions
{
    public const string IntervalVariable = "SLACK_MESSAGE_INTERVAL_MS";
    public const string BurstVariable = "SLACK_BURST";
    public const string MaxWaitVariable = "SLACK_MAX_WAIT_SECONDS";
    public const string MaxBatchVariable = "SLACK_MAX_BATCH";

    [SettingRange(IntervalVariable, 0, 60_000, "milliseconds between messages")]
    public int IntervalMilliseconds { get; set; } = 1000;

    [SettingRange(BurstVariable, 1, 100, "messages sent at once")]
    public int Burst { get; set; } = 3;

    /// <summary>
    /// How long an alert may wait for a slot of its own. Short: Pub/Sub pushes only a few messages at a time, so a
    /// waiting request holds up the stream; it must also stay well under the push ack deadline (10 s by default).
    /// </summary>
    [SettingRange(MaxWaitVariable, 0, 60, "seconds")]
    public int MaxWaitSeconds { get; set; } = 1;

    /// <summary>The most alerts one summary stands for; further ones are answered 503 and alert when Pub/Sub delivers them again.</summary>
    [SettingRange(MaxBatchVariable, 2, 10_000, "alerts in one summary")]
    public int MaxBatch { get; set; } = 500;

    public TimeSpan Interval => TimeSpan.FromMilliseconds(IntervalMilliseconds);

    public TimeSpan MaxWait => TimeSpan.FromSeconds(MaxWaitSeconds);

    public static void Bind(PacingOptions options, IConfiguration configuration)
    {
        options.IntervalMilliseconds = Settings.Integer(configuration, IntervalVariable, options.IntervalMilliseconds);
        options.Burst = Settings.Integer(configuration, BurstVariable, options.Burst);
        options.MaxWaitSeconds = Settings.Integer(configuration, MaxWaitVariable, options.MaxWaitSeconds);
        options.MaxBatch = Settings.Integer(configuration, MaxBatchVariable, options.MaxBatch);
    }
}
