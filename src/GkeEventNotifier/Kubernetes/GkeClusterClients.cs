using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GkeEventNotifier.Decoding;
using Google.Apis.Auth.OAuth2.Responses;
using k8s;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Kubernetes;

/// <summary>
/// Clusters found from the LogEntry's resource labels through the GKE API, so one deployed function serves every
/// cluster whose events reach its topic. Endpoint and CA are cached per cluster; every request carries a fresh
/// Google access token (the same identity the GKE API accepted), refreshed before it expires.
/// </summary>
internal sealed class GkeClusterClients : IClusterClients
{
    /// <summary>Clusters whose endpoint and CA are kept: every cluster one function plausibly serves.</summary>
    private const int MaxClusters = 256;

    private readonly GkeApiClient gkeApi;
    private readonly BearerTokenProvider bearer;
    private readonly KubernetesOptions options;
    private readonly TimeProvider time;
    private readonly SingleFlightCache<ClusterRef, IKubernetes> clients;

    public GkeClusterClients(GkeApiClient gkeApi, IAccessTokenSource tokens, IOptions<KubernetesOptions> options, TimeProvider time)
    {
        this.gkeApi = gkeApi;
        bearer = new BearerTokenProvider(tokens);
        this.options = options.Value;
        this.time = time;
        clients = new SingleFlightCache<ClusterRef, IKubernetes>(time, this.options.ClusterInfoLifetime, MaxClusters);
    }

    public Task<IKubernetes> GetAsync(ClusterRef cluster, CancellationToken cancellationToken) =>
        cluster.IsKnown
            ? clients.GetAsync(cluster, CreateAsync, cancellationToken)
            : throw new PodLookupException("The LogEntry names no cluster (resource labels project_id, location, cluster_name), so its pods cannot be looked up.");

    private async Task<IKubernetes> CreateAsync(ClusterRef cluster)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        var info = await DescribeAsync(cluster, timeout.Token);
        return new k8s.Kubernetes(new KubernetesClientConfiguration
        {
            Host = info.Endpoint.Contains("://", StringComparison.Ordinal) ? info.Endpoint : $"https://{info.Endpoint}",
            SslCaCerts = ReadCa(cluster, info.CaCertificatePem),
            TokenProvider = bearer,
        });
    }

    private async Task<GkeClusterInfo> DescribeAsync(ClusterRef cluster, CancellationToken cancellationToken)
    {
        try
        {
            return await gkeApi.GetClusterAsync(cluster, cancellationToken);
        }
        catch (OperationCanceledException e)
        {
            throw new PodLookupException($"The GKE API did not describe cluster {cluster} within {options.TimeoutSeconds} s ({KubernetesOptions.TimeoutVariable}).", e);
        }
        catch (HttpRequestException e)
        {
            throw new PodLookupException($"The GKE API cannot be reached to describe cluster {cluster}: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or TokenResponseException)
        {
            // Application Default Credentials missing, unusable, or refused by Google's token endpoint.
            throw new PodLookupException($"No Google access token to reach cluster {cluster}: {e.Message}", e);
        }
    }

    private static X509Certificate2Collection ReadCa(ClusterRef cluster, string pem)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(pem);
            return certificates;
        }
        catch (CryptographicException e)
        {
            throw new PodLookupException($"The CA certificate of cluster {cluster} could not be read: {e.Message}", e);
        }
    }
}
