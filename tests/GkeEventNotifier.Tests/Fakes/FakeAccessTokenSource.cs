using GkeEventNotifier.Adapters.Kubernetes;

namespace GkeEventNotifier.Tests.Fakes;

/// <summary>Stands in for Application Default Credentials: hands out numbered tokens that live one hour on the given clock.</summary>
internal sealed class FakeAccessTokenSource(TimeProvider time, string prefix = "gke-token") : IAccessTokenSource
{
    private int issued;

    public int Issued => Volatile.Read(ref issued);

    /// <summary>What the next token will be called; servers are set up to accept it.</summary>
    public string Next => $"{prefix}-{Issued + 1}";

    public Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref issued);
        return Task.FromResult(new AccessToken($"{prefix}-{n}", time.GetUtcNow().AddHours(1)));
    }
}
