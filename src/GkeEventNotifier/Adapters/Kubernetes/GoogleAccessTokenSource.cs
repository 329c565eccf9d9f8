using Google.Apis.Auth.OAuth2;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// Tokens from Application Default Credentials: the function's service account on GCP (metadata server), or the file
/// named by <c>GOOGLE_APPLICATION_CREDENTIALS</c>. The credential is created once; its expiry is read from the token
/// response so <see cref="RefreshingAccessTokenSource"/> can renew it in time.
/// </summary>
internal sealed class GoogleAccessTokenSource(TimeProvider time) : IAccessTokenSource
{
    private const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    /// <summary>Used when a credential type does not expose its token response; GCP tokens live an hour.</summary>
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(10);

    private readonly Lazy<Task<GoogleCredential>> credential = new(CreateCredentialAsync);

    public async Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var scoped = await credential.Value.WaitAsync(cancellationToken);
        var value = await ((ITokenAccess)scoped).GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
        return new AccessToken(value, ExpiryOf(scoped.UnderlyingCredential) ?? time.GetUtcNow() + AssumedLifetime);
    }

    private static async Task<GoogleCredential> CreateCredentialAsync() =>
        (await GoogleCredential.GetApplicationDefaultAsync(CancellationToken.None)).CreateScoped(CloudPlatformScope);

    private static DateTimeOffset? ExpiryOf(ICredential underlying)
    {
        var response = underlying switch
        {
            ServiceCredential service => service.Token,
            UserCredential user => user.Token,
            _ => null,
        };
        return response?.ExpiresInSeconds is { } seconds
            ? new DateTimeOffset(DateTime.SpecifyKind(response.IssuedUtc, DateTimeKind.Utc)).AddSeconds(seconds)
            : null;
    }
}
