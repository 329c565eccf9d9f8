using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Fakes;

/// <summary>
/// The GKE API's <c>projects.locations.clusters.get</c> on 127.0.0.1: answers for the clusters it knows with an endpoint
/// and a base64 PEM CA, 403 for a wrong bearer token, 404 otherwise. Counts requests.
/// </summary>
public sealed class FakeGkeApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Dictionary<string, (string Endpoint, string CaPem)> clusters = new(StringComparer.Ordinal);
    private int requests;

    private FakeGkeApi(WebApplication app, string token)
    {
        this.app = app;
        Token = token;
    }

    public string Token { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public int Requests => Volatile.Read(ref requests);

    public static async Task<FakeGkeApi> StartAsync(string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var fake = new FakeGkeApi(builder.Build(), token);
        fake.app.Run(fake.HandleAsync);
        await fake.app.StartAsync();
        fake.BaseAddress = new Uri(fake.app.Urls.Single() + "/");
        return fake;
    }

    public void AddCluster(string project, string location, string name, string endpoint, string caPem) =>
        clusters[$"projects/{project}/locations/{location}/clusters/{name}"] = (endpoint, caPem);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        var key = context.Request.Path.Value!.TrimStart('/')["v1/".Length..];
        var (status, body) = context.Request.Headers.Authorization.ToString() != $"Bearer {Token}"
            ? (HttpStatusCode.Forbidden, Error(403, "Required \"container.clusters.get\" permission(s)."))
            : clusters.TryGetValue(key, out var cluster)
                ? (HttpStatusCode.OK, JsonSerializer.Serialize(new
                {
                    name = key.Split('/')[^1],
                    endpoint = cluster.Endpoint,
                    masterAuth = new { clusterCaCertificate = Convert.ToBase64String(Encoding.ASCII.GetBytes(cluster.CaPem)) },
                    status = "RUNNING",
                }))
                : (HttpStatusCode.NotFound, Error(404, $"Not found: {key}."));
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static string Error(int code, string message) => JsonSerializer.Serialize(new { error = new { code, message, status = code == 403 ? "PERMISSION_DENIED" : "NOT_FOUND" } });
}
