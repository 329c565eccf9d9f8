namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// Keeps one token and fetches a new one <see cref="RefreshMargin"/> before it expires, so no request is sent with a
/// token that dies in flight. Concurrent callers share one refresh.
/// </summary>
internal sealed class RefreshingAccessTokenSource(IAccessTokenSource inner, TimeProvider time) : IAccessTokenSource, IDisposable
{
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim refresh = new(1, 1);
    private AccessToken? current;

    public async Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(current))
        {
            return current!;
        }

        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (!IsFresh(current))
            {
                current = await inner.GetTokenAsync(cancellationToken);
            }

            return current!;
        }
        finally
        {
            refresh.Release();
        }
    }

    private bool IsFresh(AccessToken? token) => token is not null && time.GetUtcNow() < token.ExpiresAt - RefreshMargin;

    public void Dispose() => refresh.Dispose();
}
