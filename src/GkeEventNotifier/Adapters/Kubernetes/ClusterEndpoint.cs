using System.Buffers;
using System.Net;
using GkeEventNotifier.Model;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// The control-plane endpoint the GKE API names for a cluster, before the function's Google token is sent to it. GKE
/// answers with an IP address (public or private endpoint), or a <c>*.gke.goog</c> name for DNS-based endpoints;
/// anything else — a scheme, a path, a query, user info, another host name — is refused, so that whatever answers in
/// place of the GKE API (a misconfigured <c>GKE_API_URL</c>, a proxy) cannot steer the token to a URL of its choosing.
/// </summary>
internal static class ClusterEndpoint
{
    private const string GkeDnsSuffix = ".gke.goog";

    /// <summary>What never belongs in a host and port: path, query, fragment, user info, escapes, white space.</summary>
    private static readonly SearchValues<char> NotInAuthority = SearchValues.Create("/\\@?#% \t\r\n");

    /// <summary>The https base address for an endpoint such as <c>34.1.2.3</c>, <c>[2001:db8::1]:443</c> or <c>gke-abc.europe-west4.gke.goog</c>; null when it is none of these.</summary>
    public static Uri? ToUri(string endpoint)
    {
        if (endpoint.Length is 0 or > 300 || endpoint.AsSpan().IndexOfAny(NotInAuthority) >= 0)
        {
            return null;
        }

        var authority = IPAddress.TryParse(endpoint, out var bare) && bare.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint}]" : endpoint;
        if (!Uri.TryCreate($"https://{authority}/", UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
        {
            return null;
        }

        var isGkeHost = uri.HostNameType == UriHostNameType.Dns
            && uri.Host.EndsWith(GkeDnsSuffix, StringComparison.Ordinal)
            && KubernetesNames.IsSubdomain(uri.Host);
        return uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || isGkeHost ? uri : null;
    }
}
