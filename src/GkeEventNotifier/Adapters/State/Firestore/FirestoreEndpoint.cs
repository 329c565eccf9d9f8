using System.Net.Http.Headers;
using GkeEventNotifier.Adapters.Kubernetes;
using GkeEventNotifier.Model.State;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Adapters.State.Firestore;

/// <summary>
/// Where the Firestore REST API v1 is and how to authenticate to it. With <c>FIRESTORE_EMULATOR_HOST</c> set, as
/// Google's client libraries do: plain HTTP to that host, no token. The project is <c>FIRESTORE_PROJECT</c>, or else the
/// function's own, asked once of the metadata server.
/// </summary>
internal sealed class FirestoreEndpoint(IOptions<AlertStateOptions> options, IAccessTokenSource tokens, IHttpClientFactory httpClients)
{
    public const string HttpClientName = "firestore";
    private const string MetadataProjectUrl = "http://metadata.google.internal/computeMetadata/v1/project/project-id";

    private readonly Lazy<Task<string>> project = new(() => ProjectAsync(options.Value, httpClients));

    public bool IsEmulator => options.Value.EmulatorHost is not null;

    public Uri BaseUri => IsEmulator ? new Uri($"http://{options.Value.EmulatorHost}/v1/") : new Uri("https://firestore.googleapis.com/v1/");

    /// <summary><c>projects/P/databases/D/documents</c>: the prefix of every document name.</summary>
    public async Task<string> DocumentsAsync(CancellationToken cancellationToken) =>
        $"projects/{await project.Value.WaitAsync(cancellationToken)}/databases/{options.Value.Database}/documents";

    public async Task AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsEmulator)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await tokens.GetTokenAsync(cancellationToken)).Value);
        }
    }

    private static async Task<string> ProjectAsync(AlertStateOptions options, IHttpClientFactory httpClients)
    {
        if (options.Project is { } configured)
        {
            return configured;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, MetadataProjectUrl);
        request.Headers.Add("Metadata-Flavor", "Google");
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, CancellationToken.None);
            var text = (await response.Content.ReadAsStringAsync(CancellationToken.None)).Trim();
            return response.IsSuccessStatusCode && AlertStateOptions.IsProjectId(text)
                ? text
                : throw new AlertStateUnavailableException($"the metadata server did not name the project ({(int)response.StatusCode}); set {AlertStateOptions.ProjectVariable}");
        }
        catch (HttpRequestException e)
        {
            throw new AlertStateUnavailableException($"no metadata server to name the project ({e.Message}); set {AlertStateOptions.ProjectVariable}", e);
        }
    }
}
