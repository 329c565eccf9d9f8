namespace GkeEventNotifier.Model;

/// <summary>
/// The GKE cluster a LogEntry came from, read from the entry's monitored-resource labels.
/// One deployed function serves every cluster whose events reach the topic, so every later stage keys on this.
/// </summary>
public sealed record ClusterRef(string ProjectId, string Location, string ClusterName) : ISpanFormattable
{
    private const string UnknownText = "unknown cluster";

    public static readonly ClusterRef Unknown = new("", "", "");

    public bool IsKnown => ProjectId.Length > 0 && ClusterName.Length > 0;

    public override string ToString() => IsKnown ? $"{ProjectId}/{Location}/{ClusterName}" : UnknownText;

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The same text written in place, so that a log line naming the cluster needs no string of it first.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (IsKnown)
        {
            return destination.TryWrite($"{ProjectId}/{Location}/{ClusterName}", out charsWritten);
        }

        charsWritten = UnknownText.TryCopyTo(destination) ? UnknownText.Length : 0;
        return charsWritten > 0;
    }
}
