using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Stages.Pacing;

/// <summary>How an alert reached Slack: on its own (<see cref="AlertsInMessage"/> = 1) or inside a summary of several.</summary>
internal sealed record PacedDelivery(SlackPostResult Post, int AlertsInMessage)
{
    public bool IsSummary => AlertsInMessage > 1;
}
