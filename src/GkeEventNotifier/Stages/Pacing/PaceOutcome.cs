using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Stages.Pacing;

/// <summary>What became of an alert handed to the <see cref="AlertPacer"/>.</summary>
internal abstract record PaceOutcome
{
    private PaceOutcome()
    {
    }

    /// <summary>Posted on its own; Slack has it.</summary>
    public sealed record Posted(SlackPostResult Post) : PaceOutcome;

    /// <summary>Joined the next burst summary, which completes <see cref="Summary"/> once Slack has it (or fails).</summary>
    public sealed record Deferred(Task<PacedDelivery> Summary) : PaceOutcome;
}
