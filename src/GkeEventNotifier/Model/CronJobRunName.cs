using System.Globalization;

namespace GkeEventNotifier.Model;

/// <summary>
/// The CronJob behind a Job, read from the Job's name when the cluster cannot be asked: the CronJob controller names
/// each run <c>&lt;cronjob&gt;-&lt;scheduled time in unix minutes&gt;</c>. Anyone may name a Job like that, so the name is
/// taken only when the controller could have made it: a CronJob name Kubernetes accepts (a DNS-1123 label of at most
/// 52 characters) and a minute no earlier than CronJobs exist and no later than a day after the event.
/// A hand-written scan: no regex on event text.
/// </summary>
public static class CronJobRunName
{
    /// <summary>Kubernetes refuses longer CronJob names, so that the run's name stays a valid label.</summary>
    public const int MaxCronJobNameLength = 52;

    /// <summary>2016-01-01T00:00Z in unix minutes: CronJobs (then ScheduledJobs) did not run before.</summary>
    private const long EarliestMinute = 24_193_440;

    /// <summary>The CronJob's name, or null when <paramref name="jobName"/> is not a run name the controller could have made.</summary>
    public static string? CronJobOf(string? jobName, DateTimeOffset eventTime)
    {
        var dash = jobName?.LastIndexOf('-') ?? -1;
        if (jobName is null || dash <= 0)
        {
            return null;
        }

        var cronJob = jobName[..dash];
        var digits = jobName.AsSpan(dash + 1);
        return cronJob.Length <= MaxCronJobNameLength
            && KubernetesNames.IsLabel(cronJob)
            && digits.Length is >= 8 and <= 10
            && digits[0] != '0'
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            && minute >= EarliestMinute
            && minute <= (eventTime.ToUnixTimeSeconds() / 60) + (24 * 60)
                ? cronJob
                : null;
    }
}
