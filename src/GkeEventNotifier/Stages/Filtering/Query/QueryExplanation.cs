namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>Why an entry did or did not match: every term, evaluated (no short-circuit, so each one is shown).</summary>
internal sealed record QueryExplanation(bool Matched, IReadOnlyList<ExplanationStep> Steps);
