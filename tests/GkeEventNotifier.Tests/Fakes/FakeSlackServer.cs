using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Fakes;

/// <summary>
/// A real HTTP server on 127.0.0.1 that plays Slack: the Web API (<c>/api/chat.postMessage</c>, …) and incoming
/// webhooks (<c>/services/…</c>). It records every request and answers from a script (default: success), so tests can
/// assert on the exact request and drive the client through 429s, 5xx and <c>ok:false</c> answers.
/// </summary>
public sealed class FakeSlackServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<RecordedRequest, SlackReply>> script = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentQueue<RecordedRequest> delivered = new();
    private readonly List<StoredMessage> channelMessages = [];
    private readonly List<StoredMessage> threadReplies = [];
    private readonly Lock channelGate = new();
    private readonly Dictionary<string, int> working = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> overlap = new(StringComparer.Ordinal);
    private readonly Lock overlapGate = new();
    private int ts;

    private FakeSlackServer(WebApplication app)
    {
        this.app = app;
    }

    public Uri BaseUri { get; private set; } = null!;

    public Uri ApiUri => new(BaseUri, "api/");

    public Uri WebhookUri => new(BaseUri, "services/T0FAKE/B0FAKE/fake-webhook-secret");

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    /// <summary>The requests Slack accepted (answered ok): what people in the channel actually saw.</summary>
    public IReadOnlyList<RecordedRequest> Delivered => delivered.ToArray();

    /// <summary>Replies for the next requests, in order; when the script runs out, every request succeeds.</summary>
    public FakeSlackServer Then(params SlackReply[] replies)
    {
        foreach (var reply in replies)
        {
            script.Enqueue(_ => reply);
        }

        return this;
    }

    /// <summary>A reply computed from the request (for example, fail only Block Kit messages).</summary>
    public FakeSlackServer ThenWhen(Func<RecordedRequest, SlackReply> reply)
    {
        script.Enqueue(reply);
        return this;
    }

    /// <summary>
    /// Replaces the default answer for every request after the script (e.g. an outage until <see cref="Recover"/>);
    /// where it answers null, the request gets the default answer (posts kept, history listed).
    /// </summary>
    public Func<RecordedRequest, SlackReply?>? Default { get; set; }

    public void Recover() => Default = null;

    /// <summary>
    /// How long Slack takes to answer a request it has already acted on (the post is kept, the update applied): a slow
    /// Slack, as opposed to <see cref="SlackReply.Delay"/> of one scripted answer.
    /// </summary>
    public Func<RecordedRequest, TimeSpan>? Latency { get; set; }

    /// <summary>The most requests to one Web API method that Slack was working on at the same moment.</summary>
    public int Overlap(string method)
    {
        lock (overlapGate)
        {
            return overlap.GetValueOrDefault("/api/" + method);
        }
    }

    /// <summary>The clock message timestamps are made from (tests with a FakeTimeProvider pass theirs), so <c>oldest</c> works.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Requests to one Web API method, e.g. <c>chat.update</c>.</summary>
    public IReadOnlyList<RecordedRequest> Calls(string method) => Requests.Where(r => r.Path == "/api/" + method).ToList();

    /// <summary>Top-level messages as Slack would keep them (metadata replaced by chat.update), oldest first.</summary>
    public IReadOnlyList<StoredMessage> ChannelMessages
    {
        get
        {
            lock (channelGate)
            {
                return channelMessages.ToList();
            }
        }
    }

    /// <summary>Thread replies as Slack keeps them (<see cref="StoredMessage.ThreadTs"/> names the parent), oldest first.</summary>
    public IReadOnlyList<StoredMessage> ThreadReplies
    {
        get
        {
            lock (channelGate)
            {
                return threadReplies.ToList();
            }
        }
    }

    /// <summary>
    /// A top-level message another app (or an older version of this one) left in the channel, with metadata exactly as
    /// given (any JSON: Slack does not check another app's payload against ours).
    /// </summary>
    public void Seed(string channel, DateTimeOffset at, string metadataJson)
    {
        using var document = JsonDocument.Parse(metadataJson);
        var stamp = $"{at.ToUnixTimeSeconds()}.{Interlocked.Increment(ref ts):D6}";
        lock (channelGate)
        {
            channelMessages.Add(new StoredMessage(channel, stamp, document.RootElement.Clone()));
        }
    }

    public static async Task<FakeSlackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeSlackServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var recorded = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body)
        {
            Query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
        };
        requests.Enqueue(recorded);
        var reply = script.TryDequeue(out var next) ? next(recorded) : Default?.Invoke(recorded) ?? DefaultReply(recorded);
        var delay = reply.Delay + (Latency?.Invoke(recorded) ?? TimeSpan.Zero);
        Working(recorded.Path, +1);
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }
        }
        finally
        {
            Working(recorded.Path, -1);
        }

        if (recorded.Method == "POST" && reply.Status == 200 && (reply.Body == "ok" || reply.Body.Contains("\"ok\":true", StringComparison.Ordinal)))
        {
            delivered.Enqueue(recorded);
        }

        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = reply.ContentType ?? (reply.Body.StartsWith('{') ? "application/json; charset=utf-8" : "text/html");
        await context.Response.WriteAsync(reply.Body);
    }

    private void Working(string path, int change)
    {
        lock (overlapGate)
        {
            var now = working.GetValueOrDefault(path) + change;
            working[path] = now;
            overlap[path] = Math.Max(overlap.GetValueOrDefault(path), now);
        }
    }

    /// <summary>Success, with Slack's bookkeeping: posts get a ts and are kept, updates replace them, history lists them.</summary>
    private SlackReply DefaultReply(RecordedRequest request)
    {
        if (request.Path.StartsWith("/services/", StringComparison.Ordinal))
        {
            return SlackReply.WebhookOk;
        }

        return request.Path switch
        {
            "/api/chat.update" => Update(request.Json!.Value),
            "/api/conversations.history" => History(request.Query),
            "/api/conversations.replies" => Replies(request.Query),
            _ => Post(request.Json),
        };
    }

    private SlackReply Post(JsonElement? json)
    {
        var next = Interlocked.Increment(ref ts);
        var channel = json is { } j && j.TryGetProperty("channel", out var c) ? c.GetString() ?? "C0FAKE" : "C0FAKE";
        var stamp = $"{Clock().ToUnixTimeSeconds()}.{next:D6}";
        if (json is { } body)
        {
            var metadata = body.TryGetProperty("metadata", out var m) ? m.Clone() : (JsonElement?)null;
            lock (channelGate)
            {
                if (body.TryGetProperty("thread_ts", out var thread))
                {
                    threadReplies.Add(new StoredMessage(channel, stamp, metadata, thread.GetString()));
                }
                else
                {
                    channelMessages.Add(new StoredMessage(channel, stamp, metadata));
                }
            }
        }

        return SlackReply.Json($$"""{"ok":true,"channel":"{{channel}}","ts":"{{stamp}}"}""");
    }

    private SlackReply Update(JsonElement json)
    {
        var channel = json.GetProperty("channel").GetString();
        var stamp = json.GetProperty("ts").GetString();
        lock (channelGate)
        {
            var index = channelMessages.FindIndex(m => m.Channel == channel && m.Ts == stamp);
            if (index < 0)
            {
                return SlackReply.Error("message_not_found");
            }

            if (json.TryGetProperty("metadata", out var metadata))
            {
                channelMessages[index] = channelMessages[index] with { Metadata = metadata.Clone() };
            }
        }

        return SlackReply.Json($$"""{"ok":true,"channel":"{{channel}}","ts":"{{stamp}}"}""");
    }

    private SlackReply History(IReadOnlyDictionary<string, string> query)
    {
        var oldest = Oldest(query);
        List<StoredMessage> found;
        lock (channelGate)
        {
            found = channelMessages
                .Where(m => m.Channel == query.GetValueOrDefault("channel") && decimal.Parse(m.Ts, System.Globalization.CultureInfo.InvariantCulture) >= oldest)
                .Reverse()
                .ToList();
        }

        return Messages(found);
    }

    /// <summary>A thread's replies since <c>oldest</c>, oldest first (the parent itself is left out: no caller needs it).</summary>
    private SlackReply Replies(IReadOnlyDictionary<string, string> query)
    {
        var oldest = Oldest(query);
        List<StoredMessage> found;
        lock (channelGate)
        {
            found = threadReplies
                .Where(m => m.Channel == query.GetValueOrDefault("channel") && m.ThreadTs == query.GetValueOrDefault("ts")
                    && decimal.Parse(m.Ts, System.Globalization.CultureInfo.InvariantCulture) >= oldest)
                .ToList();
        }

        return Messages(found);
    }

    private static decimal Oldest(IReadOnlyDictionary<string, string> query) =>
        query.TryGetValue("oldest", out var o) ? decimal.Parse(o, System.Globalization.CultureInfo.InvariantCulture) : 0m;

    private static SlackReply Messages(List<StoredMessage> found)
    {
        var messages = found.Select(m => m.Metadata is { } metadata
            ? $$"""{"type":"message","ts":"{{m.Ts}}","metadata":{{metadata.GetRawText()}}}"""
            : $$"""{"type":"message","ts":"{{m.Ts}}"}""");
        return SlackReply.Json($$"""{"ok":true,"messages":[{{string.Join(',', messages)}}],"has_more":false}""");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One request the fake Slack received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>When the request arrived, to check the pace of calls (never their speed).</summary>
    public DateTimeOffset ReceivedAt { get; } = DateTimeOffset.UtcNow;
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    public JsonElement? Json
    {
        get
        {
            try
            {
                return JsonDocument.Parse(Body).RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public bool HasBlocks => Json is { } json && json.TryGetProperty("attachments", out _);

    /// <summary>Every string in the JSON body, unescaped and joined by new lines: what a person could read in Slack.</summary>
    public string Text => Json is { } json ? string.Join("\n", Strings(json)) : Body;

    /// <summary>Every string under <paramref name="element"/>, decoded (the raw JSON escapes &lt; &gt; &amp; and backticks).</summary>
    public static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}

/// <summary>A message the fake keeps, with its metadata as last posted or updated; a reply names its thread's parent.</summary>
public sealed record StoredMessage(string Channel, string Ts, JsonElement? Metadata, string? ThreadTs = null);

/// <summary>A scripted answer.</summary>
public sealed record SlackReply(int Status, string Body, int? RetryAfterSeconds = null, TimeSpan Delay = default, string? ContentType = null)
{
    public static readonly SlackReply WebhookOk = new(200, "ok");

    public static SlackReply Json(string body) => new(200, body);

    public static SlackReply Error(string error) => new(200, $$"""{"ok":false,"error":"{{error}}"}""");

    public static SlackReply RateLimited(int retryAfterSeconds) => new(429, """{"ok":false,"error":"ratelimited"}""", retryAfterSeconds);

    public static SlackReply ServerError(int status = 500) => new(status, "<html>upstream error</html>");
}
