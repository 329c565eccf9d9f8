namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// Google Cloud's naming rules for the three resource labels that name a GKE cluster. They come from the LogEntry, which
/// anyone who can write to the events log controls, and they become the path of a GKE API call that carries the
/// function's Google token: a label that is not a name Google could have given makes no call. Hand-written scans, no regex.
/// </summary>
public static class GoogleNames
{
    /// <summary>
    /// A project id: 6–30 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen;
    /// optionally behind a domain (<c>example.com:my-project</c>, the legacy domain-scoped form).
    /// </summary>
    public static bool IsProjectId(string? value)
    {
        if (value is null || value.Length > 100)
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var id = colon < 0 ? value : value[(colon + 1)..];
        return (colon < 0 || IsDomain(value[..colon])) && id.Length is >= 6 and <= 30 && char.IsAsciiLetterLower(id[0]) && id[^1] != '-' && IsLowerDigitHyphen(id);
    }

    /// <summary>A region (<c>europe-west4</c>, <c>northamerica-northeast1</c>) or a zone (<c>us-central1-a</c>).</summary>
    public static bool IsLocation(string? value)
    {
        if (value is not { Length: > 0 and <= 40 })
        {
            return false;
        }

        var parts = value.Split('-');
        var region = parts.Length is 2 or 3 && IsLetters(parts[0]) && IsLettersThenDigits(parts[1]);
        return region && (parts.Length == 2 || (parts[2].Length == 1 && char.IsAsciiLetterLower(parts[2][0])));
    }

    /// <summary>A GKE cluster name: 1–40 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen.</summary>
    public static bool IsClusterName(string? value) =>
        value is { Length: > 0 and <= 40 } && char.IsAsciiLetterLower(value[0]) && value[^1] != '-' && IsLowerDigitHyphen(value);

    private static bool IsDomain(string value) =>
        value.Length is > 0 and <= 63 && value.Split('.').All(label => label.Length > 0 && IsLowerDigitHyphen(label));

    private static bool IsLowerDigitHyphen(string value) =>
        value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static bool IsLetters(string value) => value.Length > 0 && value.All(char.IsAsciiLetterLower);

    /// <summary><c>west4</c>, <c>northeast1</c>: letters, then at least one digit, nothing after.</summary>
    private static bool IsLettersThenDigits(string value)
    {
        var letters = 0;
        while (letters < value.Length && char.IsAsciiLetterLower(value[letters]))
        {
            letters++;
        }

        return letters > 0 && letters < value.Length && value[letters..].All(char.IsAsciiDigit);
    }
}
