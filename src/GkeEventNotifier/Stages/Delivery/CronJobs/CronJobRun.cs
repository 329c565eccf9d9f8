namespace GkeEventNotifier.Stages.Delivery.CronJobs;

/// <summary>One Job a CronJob started, as the cluster reports it now.</summary>
public sealed record CronJobRun(string Name, DateTimeOffset? Started, DateTimeOffset? Finished, RunOutcome Outcome);

public enum RunOutcome
{
    Running,
    Succeeded,
    Failed,
}
