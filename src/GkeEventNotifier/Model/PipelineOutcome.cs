namespace GkeEventNotifier.Model;

/// <summary>How one Pub/Sub message ended. Every kind here is acknowledged; failures a retry can fix are exceptions instead.</summary>
public sealed record PipelineOutcome(OutcomeKind Kind, string Detail)
{
    public static PipelineOutcome Alerted(string detail) => new(OutcomeKind.Alerted, detail);

    public static PipelineOutcome Filtered(string detail) => new(OutcomeKind.Filtered, detail);

    public static PipelineOutcome NotAnEvent(string detail) => new(OutcomeKind.NotAnEvent, detail);

    public static PipelineOutcome Poison(string reason) => new(OutcomeKind.Poison, reason);

    public static PipelineOutcome Duplicate(string detail) => new(OutcomeKind.Duplicate, detail);

    /// <summary>A Kubernetes event the filter kept that needs no alert of its own (a CronJob run that succeeded with no failure to recover from).</summary>
    public static PipelineOutcome NoAlert(string detail) => new(OutcomeKind.NoAlert, detail);

    /// <summary>Alerted inside one summary message with other alerts of a burst.</summary>
    public static PipelineOutcome Summarised(string detail) => new(OutcomeKind.Summarised, detail);
}

public enum OutcomeKind
{
    Alerted,
    Filtered,
    NotAnEvent,
    Poison,
    Duplicate,
    Summarised,
    NoAlert,
}
