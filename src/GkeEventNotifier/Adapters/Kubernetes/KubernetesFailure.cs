using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Enrichment;
using System.Net;
using System.Text.Json;
using Google.Apis.Auth.OAuth2.Responses;
using k8s.Autorest;
using k8s.Exceptions;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>Turns what KubernetesClient throws into a <see cref="PodLookupException"/> whose message tells the reader what to do.</summary>
internal static class KubernetesFailure
{
    /// <summary>
    /// The exceptions a request to an API server can end in (besides cancellation): HTTP status, transport, kubeconfig
    /// or exec plugin, an unreadable body, or Google refusing to mint the token the request needed.
    /// </summary>
    public static bool IsApiFailure(Exception e) =>
        e is HttpOperationException or HttpRequestException or KubeConfigException or TimeoutException or IOException
            or JsonException or TokenResponseException;

    public static PodLookupException Describe(KubernetesOperation operation, Exception e) => e switch
    {
        HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden } http => new(
            $"Could not {operation.Description}: 403 Forbidden. Missing permission {operation.IamPermission} (IAM) or RBAC {operation.RbacRule}. {StatusMessage(http)}".TrimEnd(), e),
        HttpOperationException { Response.StatusCode: HttpStatusCode.Unauthorized } => new(
            $"Could not {operation.Description}: 401 Unauthorized, the API server rejected the credentials.", e),
        HttpOperationException http => new(
            $"Could not {operation.Description}: the API server answered {(int)http.Response.StatusCode} {http.Response.StatusCode}. {StatusMessage(http)}".TrimEnd(), e),
        HttpRequestException => new($"Could not {operation.Description}: the API server cannot be reached ({e.Message}).", e),
        _ => new($"Could not {operation.Description}: {e.Message}", e),
    };

    public static PodLookupException TimedOut(KubernetesOperation operation, TimeSpan timeout, Exception e) =>
        new($"Could not {operation.Description}: no answer within {timeout.TotalSeconds:0} s ({KubernetesOptions.TimeoutVariable}).", e);

    /// <summary>The <c>message</c> of a Kubernetes <c>Status</c> body, which names the user, verb and resource refused.</summary>
    private static string StatusMessage(HttpOperationException e)
    {
        try
        {
            using var json = JsonDocument.Parse(e.Response.Content ?? "");
            var message = json.RootElement.GetStringOrEmpty("message");
            return message.Length > 300 ? message[..300] + "…" : message;
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
