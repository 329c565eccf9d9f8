using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Enrichment;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// Describes a cluster through the GKE API (<c>GET v1/projects/P/locations/L/clusters/C</c>, permission
/// <c>container.clusters.get</c>): endpoint and <c>masterAuth.clusterCaCertificate</c>, nothing else is read.
/// The base URL is <c>GKE_API_URL</c>, for private endpoints and tests.
/// </summary>
internal sealed class GkeApiClient(IHttpClientFactory httpClients, IAccessTokenSource tokens, IOptions<KubernetesOptions> options)
{
    public const string HttpClientName = "gke-api";

    public async Task<GkeClusterInfo> GetClusterAsync(ClusterRef cluster, CancellationToken cancellationToken)
    {
        var path = $"v1/projects/{Uri.EscapeDataString(cluster.ProjectId)}/locations/{Uri.EscapeDataString(cluster.Location)}/clusters/{Uri.EscapeDataString(cluster.ClusterName)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Value.GkeApiBaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await tokens.GetTokenAsync(cancellationToken)).Value);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? Parse(cluster, body) : throw Refused(cluster, response.StatusCode, body);
    }

    private static GkeClusterInfo Parse(ClusterRef cluster, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var endpoint = root.GetStringOrNull("endpoint");
            var ca = root.GetObjectOrDefault("masterAuth").GetStringOrNull("clusterCaCertificate");
            return endpoint is { Length: > 0 } && ca is { Length: > 0 }
                ? new GkeClusterInfo(endpoint, Encoding.ASCII.GetString(Convert.FromBase64String(ca)))
                : throw new PodLookupException($"The GKE API described cluster {cluster} without an endpoint or CA certificate.");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new PodLookupException($"The GKE API's description of cluster {cluster} could not be read: {ex.Message}", ex);
        }
    }

    private static PodLookupException Refused(ClusterRef cluster, HttpStatusCode status, string body) => status switch
    {
        HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => new($"The GKE API refused to describe cluster {cluster} ({(int)status}): the function's service account is missing permission container.clusters.get. {GoogleErrorMessage(body)}".TrimEnd()),
        HttpStatusCode.NotFound => new($"The GKE API does not know cluster {cluster} (404)."),
        _ => new($"The GKE API failed to describe cluster {cluster} ({(int)status} {status}). {GoogleErrorMessage(body)}".TrimEnd()),
    };

    private static string GoogleErrorMessage(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetObjectOrDefault("error").GetStringOrEmpty("message");
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
