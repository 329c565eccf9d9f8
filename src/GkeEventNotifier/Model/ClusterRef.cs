namespace GkeEventNotifier.Model;

/// <summary>
/// The GKE cluster a LogEntry came from, read from the entry's monitored-resource labels.
/// One deployed function serves every cluster whose events reach the topic, so every later stage keys on this.
/// </summary>
public sealed record ClusterRef(string ProjectId, string Location, string ClusterName)
{
    public static readonly ClusterRef Unknown = new("", "", "");

    public bool IsKnown => ProjectId.Length > 0 && ClusterName.Length > 0;

    public override string ToString() => IsKnown ? $"{ProjectId}/{Location}/{ClusterName}" : "unknown cluster";
}
