using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// The function's memory under load, as the platform sees it: the real function process (its Release build) posting
/// to a Slack played on loopback, fed 800 distinct alerts with 500 KB messages and then 10,000 small ones, with the
/// resident set size (<c>VmRSS</c>, and the peak <c>VmHWM</c>) read from <c>/proc</c> after each phase.
/// Run: <c>dotnet build -c Release function.sln</c>, then
/// <c>dotnet run -c Release --project tests/GkeEventNotifier.Benchmarks -- rss [PATH/GkeEventNotifier.Function.dll]</c>
/// (Linux); the optional path measures another build of the function, such as the deploy's ReadyToRun publish.
/// </summary>
internal static class MemoryHarness
{
    private const int LargeAlerts = 800;
    private const int LargeMessageBytes = 500 * 1024;
    private const int SmallAlerts = 10_000;
    private const int Concurrency = 4;

    public static async Task<int> RunAsync(string? functionAssembly)
    {
        var assembly = functionAssembly ?? LocalProcesses.FunctionAssembly();
        Console.WriteLine($"function: {assembly}, as deployed with --cpu=1 (DOTNET_PROCESSOR_COUNT=1)");
        await using var slack = await LoopbackSlack.StartAsync();
        var port = LocalProcesses.FreePort();
        using var function = StartFunction(assembly, port, slack.ApiUri);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        await LocalProcesses.WaitUntilListeningAsync(client, function, TimeSpan.FromSeconds(30));
        Report("after start", function);

        var large = await SendAsync(client, LargeAlerts, i => Evicted(i, "large", new string('m', LargeMessageBytes)));
        Report($"after {LargeAlerts} alerts of {LargeMessageBytes / 1024} KB messages ({large})", function);

        var small = await SendAsync(client, SmallAlerts, i => Evicted(i, "small", "The node was low on resource: memory."));
        Report($"after {SmallAlerts} further small alerts ({small})", function);
        Console.WriteLine($"Slack received {slack.Posts} posts, {slack.Updates} updates, {slack.Histories} history reads");

        await ReportLiveHeapAsync(function);
        function.Kill(entireProcessTree: true);
        await function.WaitForExitAsync();
        return 0;
    }

    private static async Task<string> SendAsync(HttpClient client, int count, Func<int, string> entry)
    {
        var statuses = new Dictionary<int, int>();
        var gate = new Lock();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, token) =>
        {
            using var content = new StringContent(PushBody(entry(i), i), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("", content, token);
            lock (gate)
            {
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            }
        });
        return string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value}× HTTP {s.Key}"));
    }

    /// <summary>A distinct eviction each time (its own pod, Deployment and event uid), so nothing is deduplicated or grouped away.</summary>
    private static string Evicted(int i, string kind, string message)
    {
        var entry = JsonNode.Parse(BenchmarkEntries.AlertedEvicted)!.AsObject();
        var pod = $"{kind}-{i}-6d8f7b9c5d-qz4lp";
        var payload = entry["jsonPayload"]!;
        payload["message"] = message;
        payload["involvedObject"]!["name"] = pod;
        payload["involvedObject"]!["uid"] = Guid.NewGuid().ToString();
        payload["metadata"]!["uid"] = Guid.NewGuid().ToString();
        entry["resource"]!["labels"]!["pod_name"] = pod;
        entry["insertId"] = Guid.NewGuid().ToString("N")[..15];
        return entry.ToJsonString();
    }

    private static string PushBody(string entry, int i) => new JsonObject
    {
        ["message"] = new JsonObject
        {
            ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(entry)),
            ["messageId"] = $"{Environment.TickCount64}{i}",
            ["publishTime"] = "2026-11-20T09:14:04Z",
        },
        ["subscription"] = "projects/acme-shop-prod/subscriptions/gke-events",
    }.ToJsonString();

    private static Process StartFunction(string assembly, int port, Uri slackApi)
    {
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["SLACK_BOT_TOKEN"] = "xoxb-memory-harness";
        start.Environment["SLACK_CHANNEL"] = "C0MEMORY";
        start.Environment["SLACK_API_URL"] = slackApi.AbsoluteUri;
        // Every alert posted on its own: the most the function keeps per alert (ledger, groups), not a summary of many.
        start.Environment["SLACK_MESSAGE_INTERVAL_MS"] = "0";
        // The deploy's instance has one vCPU; the runtime sizes its collector by the CPUs it sees.
        start.Environment["DOTNET_PROCESSOR_COUNT"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) Console.Error.WriteLine(text); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Report(string phase, Process function)
    {
        var status = File.ReadAllLines($"/proc/{function.Id}/status");
        string Field(string name) => status.First(line => line.StartsWith(name + ":", StringComparison.Ordinal)).Split(':')[1].Trim();
        Console.WriteLine($"RSS {phase}: {Megabytes(Field("VmRSS"))} MB (peak {Megabytes(Field("VmHWM"))} MB)");
    }

    /// <summary>
    /// What the function really keeps: its managed heap after a full collection, read with <c>dotnet-gcdump</c> when
    /// that tool is installed (<c>dotnet tool install -g dotnet-gcdump</c>; on the PATH or in <c>~/.dotnet/tools</c>); the rest of the resident set is the
    /// runtime, compiled code and the collector's room to allocate in.
    /// </summary>
    private static async Task ReportLiveHeapAsync(Process function)
    {
        var dump = Path.Combine(Path.GetTempPath(), $"gke-events-rss-{function.Id}.gcdump");
        try
        {
            if (await RunToolAsync("dotnet-gcdump", "collect", "-p", function.Id.ToString(CultureInfo.InvariantCulture), "-o", dump) is null)
            {
                Console.WriteLine("managed heap after a full collection: not measured (dotnet-gcdump is not installed)");
                return;
            }

            var report = await RunToolAsync("dotnet-gcdump", "report", dump) ?? "";
            var heap = report.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.EndsWith("GC Heap bytes", StringComparison.Ordinal));
            var bytes = heap is null ? 0 : long.Parse(heap.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Console.WriteLine($"managed heap after a full collection: {bytes / (1024 * 1024)} MB");
            Report("after that collection", function);
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static async Task<string?> RunToolAsync(string tool, params string[] arguments)
    {
        try
        {
            var installed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", tool);
            using var process = Process.Start(new ProcessStartInfo(File.Exists(installed) ? installed : tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEndAsync();
            await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? await output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string Megabytes(string kilobytes) =>
        (long.Parse(kilobytes.Split(' ')[0], CultureInfo.InvariantCulture) / 1024).ToString(CultureInfo.InvariantCulture);

    /// <summary>Slack's Web API as the function uses it, answering at once; it keeps nothing, so it costs the measurement nothing.</summary>
    private sealed class LoopbackSlack(WebApplication app) : IAsyncDisposable
    {
        private readonly WebApplication web = app;
        private int posts;
        private int updates;
        private int histories;

        public Uri ApiUri { get; private set; } = null!;

        public int Posts => posts;

        public int Updates => updates;

        public int Histories => histories;

        public static async Task<LoopbackSlack> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var slack = new LoopbackSlack(builder.Build());
            slack.web.Run(slack.AnswerAsync);
            await slack.web.StartAsync();
            var address = slack.web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            slack.ApiUri = new Uri(address.TrimEnd('/') + "/api/");
            return slack;
        }

        private async Task AnswerAsync(HttpContext context)
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json; charset=utf-8";
            switch (context.Request.Path.Value)
            {
                case "/api/conversations.history":
                    Interlocked.Increment(ref histories);
                    await context.Response.WriteAsync("""{"ok":true,"messages":[],"has_more":false}""");
                    break;
                case "/api/chat.update":
                    Interlocked.Increment(ref updates);
                    await context.Response.WriteAsync("""{"ok":true,"channel":"C0MEMORY","ts":"1795165923.000001"}""");
                    break;
                default:
                    var n = Interlocked.Increment(ref posts);
                    await context.Response.WriteAsync($$"""{"ok":true,"channel":"C0MEMORY","ts":"{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}.{{n:D6}}"}""");
                    break;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await web.StopAsync();
            await web.DisposeAsync();
        }
    }
}
