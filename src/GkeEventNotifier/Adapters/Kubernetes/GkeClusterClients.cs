using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Enrichment;
using Google.Apis.Auth.OAuth2.Responses;
using k8s;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// Clusters found from the LogEntry's resource labels through the GKE API, so one deployed function serves every
/// cluster whose events reach its topic. Endpoint and CA are cached per cluster; every request carries a fresh
/// Google access token (the same identity the GKE API accepted), refreshed before it expires.
/// The labels are written by whoever can write to the events log, and the token is the function's own, so before
/// any call: the labels must be names Google could have given (<see cref="GoogleNames"/>), the project must be one of
/// <c>CLUSTER_PROJECTS</c> when it is set, and the cluster must not have failed a look-up within the last minute
/// (<see cref="FailedLookups"/>). The token goes to the endpoint the GKE API names only if it is a cluster endpoint
/// (<see cref="ClusterEndpoint"/>).
/// </summary>
internal sealed class GkeClusterClients : IClusterClients
{
    private readonly GkeApiClient gkeApi;
    private readonly BearerTokenProvider bearer;
    private readonly KubernetesOptions options;
    private readonly TimeProvider time;
    private readonly SingleFlightCache<ClusterRef, IKubernetes> clients;
    private readonly FailedLookups failed;

    public GkeClusterClients(GkeApiClient gkeApi, IAccessTokenSource tokens, IOptions<KubernetesOptions> options, TimeProvider time)
    {
        this.gkeApi = gkeApi;
        bearer = new BearerTokenProvider(tokens);
        this.options = options.Value;
        this.time = time;
        clients = new SingleFlightCache<ClusterRef, IKubernetes>(time, this.options.ClusterInfoLifetime);
        failed = new FailedLookups(time, this.options.FailedLookupLifetime, this.options.FailedLookupCapacity);
    }

    public Task<IKubernetes> GetAsync(ClusterRef cluster, CancellationToken cancellationToken) =>
        Refusal(cluster) is { } refusal
            ? Task.FromException<IKubernetes>(new PodLookupException(refusal))
            : clients.GetAsync(cluster, CreateAsync, cancellationToken);

    /// <summary>Why this entry's cluster gets no GKE API call (and so no token), or null.</summary>
    private string? Refusal(ClusterRef cluster)
    {
        if (!cluster.IsKnown)
        {
            return "The LogEntry names no cluster (resource labels project_id, location, cluster_name), so its pods cannot be looked up.";
        }

        var invalid = !GoogleNames.IsProjectId(cluster.ProjectId) ? ("project_id", cluster.ProjectId)
            : !GoogleNames.IsLocation(cluster.Location) ? ("location", cluster.Location)
            : !GoogleNames.IsClusterName(cluster.ClusterName) ? ("cluster_name", cluster.ClusterName)
            : default;
        if (invalid.Item1 is { } label)
        {
            return $"The LogEntry's resource label {label} {KubernetesNames.Quote(invalid.Item2)} is not a valid Google Cloud name, so the cluster was not looked up.";
        }

        if (options.ClusterProjects.Count > 0 && !options.ClusterProjects.Contains(cluster.ProjectId))
        {
            return $"Project {KubernetesNames.Quote(cluster.ProjectId)} is not in {KubernetesOptions.ClusterProjectsVariable}, so its clusters are not looked up.";
        }

        return failed.Refusal(cluster);
    }

    private async Task<IKubernetes> CreateAsync(ClusterRef cluster)
    {
        try
        {
            using var timeout = new CancellationTokenSource(options.Timeout, time);
            var info = await DescribeAsync(cluster, timeout.Token);
            var endpoint = ClusterEndpoint.ToUri(info.Endpoint)
                ?? throw new PodLookupException($"The GKE API named endpoint {KubernetesNames.Quote(info.Endpoint)} for cluster {cluster}, which is not a cluster endpoint (an IP address or a *.gke.goog host): no request was sent to it.");
            return new k8s.Kubernetes(new KubernetesClientConfiguration
            {
                Host = endpoint.AbsoluteUri,
                SslCaCerts = ReadCa(cluster, info.CaCertificatePem),
                TokenProvider = bearer,
            });
        }
        catch (PodLookupException e)
        {
            failed.Remember(cluster, e.Message);
            throw;
        }
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
