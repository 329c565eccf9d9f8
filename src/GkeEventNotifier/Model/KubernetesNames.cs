namespace GkeEventNotifier.Model;

/// <summary>
/// Kubernetes' own name rules (apimachinery <c>validation.IsDNS1123Label</c> / <c>IsDNS1123Subdomain</c>), checked
/// before a name from an event becomes part of an API path or query. Event text is written by whoever can write to the
/// events log: a "namespace" of <c>../../api/v1/pods?limit=…</c> must never reach a request, so anything the API server
/// itself would refuse as a name is refused here, without a request. A hand-written scan: no regex on event text.
/// </summary>
public static class KubernetesNames
{
    /// <summary>A DNS-1123 label is at most 63 characters.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>A DNS-1123 subdomain is at most 253 characters.</summary>
    public const int MaxSubdomainLength = 253;

    /// <summary>Namespaces are labels: lowercase letters, digits and '-', alphanumeric at both ends, 1–63 characters.</summary>
    public static bool IsLabel(string? name) => name is { Length: > 0 and <= MaxLabelLength } && IsLabelSpan(name);

    /// <summary>Nodes, pods, ReplicaSets, Jobs and CronJobs are subdomains: labels joined by '.', 1–253 characters.</summary>
    public static bool IsSubdomain(string? name)
    {
        if (name is not { Length: > 0 and <= MaxSubdomainLength })
        {
            return false;
        }

        foreach (var range in name.AsSpan().Split('.'))
        {
            if (!IsLabelSpan(name.AsSpan()[range]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why a namespace cannot be used, for the alert; null when it is a valid name.</summary>
    public static string? ProblemWithNamespace(string? name) =>
        IsLabel(name) ? null : $"The namespace {Quote(name)} is not a valid Kubernetes name (DNS-1123 label), so nothing was looked up in the cluster.";

    /// <summary>Why an object name cannot be used, for the alert; null when it is a valid name.</summary>
    public static string? ProblemWithName(string kind, string? name) =>
        IsSubdomain(name) ? null : $"The {kind} name {Quote(name)} is not a valid Kubernetes name (DNS-1123 subdomain), so nothing was looked up in the cluster.";

    /// <summary>The name as the alert quotes it: short, and empty shown as such (the renderer escapes it).</summary>
    public static string Quote(string? name) => name switch
    {
        null or "" => "(empty)",
        { Length: > 80 } => $"'{name[..(char.IsHighSurrogate(name[79]) ? 79 : 80)]}…'",
        _ => $"'{name}'",
    };

    private static bool IsLabelSpan(ReadOnlySpan<char> label)
    {
        if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
