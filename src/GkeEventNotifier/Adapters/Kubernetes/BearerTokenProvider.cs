using System.Net.Http.Headers;
using k8s.Authentication;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>Hands the current Google access token to KubernetesClient on every request to a GKE control plane.</summary>
internal sealed class BearerTokenProvider(IAccessTokenSource tokens) : ITokenProvider
{
    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
        new("Bearer", (await tokens.GetTokenAsync(cancellationToken)).Value);
}
