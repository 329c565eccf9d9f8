
namespace GkeEventNotifier.Model;

/// <summary>An event that passed the filter, with what the enrichers found: everything the renderer needs.</summary>
public sealed record Alert(EventLogEntry Entry, IReadOnlyList<Finding> Findings)
{
    /// <summary>How many times this Kubernetes event has been seen in the current window (shown as ×N when above 1).</summary>
    public int Occurrences { get; init; } = 1;
}
