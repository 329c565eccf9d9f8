namespace GkeEventNotifier.Stages.Delivery.CronJobs;

/// <summary>What the cluster's list of runs says about a failure streak (runs oldest first; running ones are skipped).</summary>
internal static class RunStreak
{
    /// <summary>Failed runs in a row before <paramref name="until"/> (a run's name), or at the end when null.</summary>
    public static IReadOnlyList<CronJobRun> FailuresBefore(IReadOnlyList<CronJobRun>? runs, string? until)
    {
        if (runs is null)
        {
            return [];
        }

        var end = until is null ? runs.Count : runs.ToList().FindIndex(r => r.Name == until);
        var streak = new List<CronJobRun>();
        for (var i = (end < 0 ? runs.Count : end) - 1; i >= 0 && runs[i].Outcome != RunOutcome.Succeeded; i--)
        {
            if (runs[i].Outcome == RunOutcome.Failed)
            {
                streak.Insert(0, runs[i]);
            }
        }

        return streak;
    }

    /// <summary>Whether a run succeeded after <paramref name="time"/>: a recovery this function did not see.</summary>
    public static bool SucceededAfter(IReadOnlyList<CronJobRun>? runs, DateTimeOffset time) =>
        runs?.Any(r => r.Outcome == RunOutcome.Succeeded && r.Finished > time) == true;
}
