namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>
/// The node pool a GKE node belongs to, read from its name: GKE names nodes <c>gke-CLUSTER-POOL-HASH-SUFFIX</c>
/// (HASH 8 hexadecimal characters, SUFFIX 4 letters and digits), cutting long cluster and pool names. Reading the
/// node's <c>cloud.google.com/gke-nodepool</c> label would take a <c>nodes get</c> permission the function does not
/// otherwise need, so the name is used, and the alert says when it does not follow the pattern.
/// </summary>
internal static class NodePoolName
{
    private const int HashLength = 8;
    private const int SuffixLength = 4;

    public static string? From(string node, string cluster)
    {
        var prefix = $"gke-{cluster}-";
        if (cluster.Length == 0 || !node.StartsWith(prefix, StringComparison.Ordinal) || node.Length <= prefix.Length + HashLength + SuffixLength + 2)
        {
            return null;
        }

        var tail = node.AsSpan(node.Length - (HashLength + SuffixLength + 2));
        if (tail[0] != '-' || tail[HashLength + 1] != '-' || !IsHex(tail.Slice(1, HashLength)) || !IsAlphanumeric(tail[(HashLength + 2)..]))
        {
            return null;
        }

        return node[prefix.Length..(node.Length - tail.Length)];
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlphanumeric(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
