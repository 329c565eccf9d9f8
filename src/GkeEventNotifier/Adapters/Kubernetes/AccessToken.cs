namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>An OAuth access token and when it stops working.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt)
{
    /// <summary>Never printed: records print their members, and a token must not reach a log.</summary>
    public override string ToString() => $"AccessToken(expires {ExpiresAt:O})";
}
