using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>
/// What Cloud Run's front end does for several instances, in small: each request goes to the next function process in
/// turn (body, content type and <c>ce-*</c> headers passed on). An instance that is gone answers 502, as Cloud Run
/// does, so Pub/Sub delivers the message again.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private static readonly HashSet<string> Hop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Content-Length", "Transfer-Encoding", "Content-Type" };

    private readonly WebApplication app;
    private readonly IReadOnlyList<int> backends;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int next = -1;

    private RoundRobinProxy(WebApplication app, IReadOnlyList<int> backends)
    {
        this.app = app;
        this.backends = backends;
    }

    public int Port { get; private set; }

    public static async Task<RoundRobinProxy> StartAsync(IReadOnlyList<int> backendPorts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new RoundRobinProxy(app, backendPorts);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        proxy.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var port = backends[(int)((uint)Interlocked.Increment(ref next) % (uint)backends.Count)];
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), $"http://127.0.0.1:{port}{context.Request.Path}{context.Request.QueryString}")
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        if (context.Request.ContentType is { } contentType)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var header in context.Request.Headers.Where(h => !Hop.Contains(h.Key)))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        try
        {
            using var response = await http.SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
        }
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
