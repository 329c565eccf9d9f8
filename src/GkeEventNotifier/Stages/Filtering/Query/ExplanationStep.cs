namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>One term of a query and what it made of one entry; <see cref="Depth"/> gives the nesting for display.</summary>
internal sealed record ExplanationStep(int Depth, string Term, bool Result, string Detail);
