namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>Google access tokens (scope cloud-platform) for the GKE API and for GKE control planes.</summary>
public interface IAccessTokenSource
{
    Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken);
}
