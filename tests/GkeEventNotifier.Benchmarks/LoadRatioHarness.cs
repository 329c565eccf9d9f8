using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// Requests per second of the running function against a bare ASP.NET Core app on the same machine, in one run: both
/// as processes on loopback, fed the same Eventarc request (a binary CloudEvent around a Pub/Sub push body) by 8
/// concurrent clients, one entry the filter drops and one that becomes an alert (printed: console mode, no Slack).
/// Rounds alternate function and bare app so that other load on the machine falls on both; medians are reported, with
/// each app's CPU time per request (user + system of its process), which other load on the machine disturbs less.
/// The apps' stdout and stderr are drained as bytes, as a log agent outside the instance reads them: the function pays
/// for writing its lines, and the clients, on the same cores, do not pay for splitting them into strings.
/// Run: <c>scripts/load-ratio.sh</c> (it builds Release first).
/// </summary>
internal static class LoadRatioHarness
{
    private const int Concurrency = 8;
    private const int Rounds = 3;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);

    /// <summary>Before the first round of each entry: until then the function runs code the JIT has not optimised yet.</summary>
    private static readonly TimeSpan FirstWarmup = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync()
    {
        using var function = Server.Start("function", [LocalProcesses.FunctionAssembly()], new Dictionary<string, string>
        {
            // Every request does the whole work: no deduplication, pacing or grouping short cut.
            ["DEDUP_WINDOW_SECONDS"] = "0",
            ["SLACK_MESSAGE_INTERVAL_MS"] = "0",
            ["ALERT_GROUP_WINDOW_MINUTES"] = "0",
        });
        using var bare = Server.Start("bare ASP.NET Core app", [typeof(LoadRatioHarness).Assembly.Location, "bare-app"], []);
        await function.WaitUntilListeningAsync();
        await bare.WaitUntilListeningAsync();

        Console.WriteLine($"{Concurrency} concurrent clients, {Rounds} rounds of {Measured.TotalSeconds:0} s per entry and app (after {Warmup.TotalSeconds:0} s warm-up, {FirstWarmup.TotalSeconds:0} s before the first round), medians; load average {LoadAverage()}");
        foreach (var (name, entry) in new[] { ("dropped (Normal Pulled)", BenchmarkEntries.DroppedPulled), ("kept (Evicted → alert)", BenchmarkEntries.AlertedEvicted) })
        {
            var body = Encoding.UTF8.GetBytes(PushBody(entry));
            var functionRounds = new List<Round>();
            var bareRounds = new List<Round>();
            for (var round = 0; round < Rounds; round++)
            {
                var warmup = round == 0 ? FirstWarmup : Warmup;
                functionRounds.Add(await function.MeasureAsync(body, warmup));
                bareRounds.Add(await bare.MeasureAsync(body, warmup));
            }

            var (functionRate, bareRate) = (Median(functionRounds.Select(r => r.RequestsPerSecond)), Median(bareRounds.Select(r => r.RequestsPerSecond)));
            var (functionCpu, bareCpu) = (Median(functionRounds.Select(r => r.CpuMicrosecondsPerRequest)), Median(bareRounds.Select(r => r.CpuMicrosecondsPerRequest)));
            Console.WriteLine($"{name}: function {functionRate:0} req/s, bare app {bareRate:0} req/s, ratio {functionRate / bareRate:0.00}; "
                + $"CPU per request: function {functionCpu:0} µs, bare app {bareCpu:0} µs, ratio {bareCpu / functionCpu:0.00}");
        }

        Console.WriteLine($"function answers: {function.Statuses()}; bare app answers: {bare.Statuses()}; load average {LoadAverage()}");
        return 0;
    }

    /// <summary>The baseline: reads the body and answers 204, nothing else (no logging).</summary>
    public static async Task<int> RunBareAppAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Environment.GetEnvironmentVariable("PORT")}");
        var app = builder.Build();
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.RunAsync();
        return 0;
    }

    private static string PushBody(string entry) => new JsonObject
    {
        ["message"] = new JsonObject
        {
            ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(entry)),
            ["messageId"] = "17170000000001",
            ["publishTime"] = "2026-11-20T09:14:04Z",
        },
        ["subscription"] = "projects/acme-shop-prod/subscriptions/gke-events",
    }.ToJsonString();

    private static double Median(IEnumerable<double> values) => values.Order().ElementAt(Rounds / 2);

    /// <summary>The 1, 5 and 15 minute load averages (Linux), to state next to the figures.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>One measured period of one app: requests per second, and the app's CPU time per request.</summary>
    private sealed record Round(double RequestsPerSecond, double CpuMicrosecondsPerRequest);

    /// <summary>One app as a process on a free loopback port, and the clients that load it.</summary>
    private sealed class Server : IDisposable
    {
        private readonly Process process;
        private readonly HttpClient client;
        private readonly Dictionary<int, long> statuses = [];

        private Server(Process process, int port)
        {
            this.process = process;
            client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        }

        public static Server Start(string name, string[] arguments, Dictionary<string, string> environment)
        {
            var port = LocalProcesses.FreePort();
            var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
            return new Server(process, port);
        }

        public Task WaitUntilListeningAsync() => LocalProcesses.WaitUntilListeningAsync(client, process, TimeSpan.FromSeconds(60));

        /// <summary>Warm-up, then the measured period: completed requests per second over <see cref="Concurrency"/> clients, and the app's CPU time per request.</summary>
        public async Task<Round> MeasureAsync(byte[] body, TimeSpan warmup)
        {
            await LoadAsync(body, warmup);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var completed = await LoadAsync(body, Measured);
            var elapsed = stopwatch.Elapsed;
            process.Refresh();
            return new Round(completed / elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalMicroseconds / completed);
        }

        public string Statuses() => string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value}× HTTP {s.Key}"));

        private async Task<long> LoadAsync(byte[] body, TimeSpan duration)
        {
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var counts = await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
            {
                var local = new Dictionary<int, long>();
                while (Stopwatch.GetTimestamp() < until)
                {
                    using var response = await client.SendAsync(Request(body));
                    local[(int)response.StatusCode] = local.GetValueOrDefault((int)response.StatusCode) + 1;
                }

                return local;
            }));
            lock (statuses)
            {
                foreach (var (status, count) in counts.SelectMany(c => c))
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + count;
                }
            }

            return counts.Sum(c => c.Values.Sum());
        }

        /// <summary>What Eventarc sends: a binary-mode CloudEvent whose body is the Pub/Sub push.</summary>
        private static HttpRequestMessage Request(byte[] body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("ce-specversion", "1.0");
            request.Headers.Add("ce-type", "google.cloud.pubsub.topic.v1.messagePublished");
            request.Headers.Add("ce-source", "//pubsub.googleapis.com/projects/acme-shop-prod/topics/gke-events");
            request.Headers.Add("ce-id", "17170000000001");
            return request;
        }

        public void Dispose()
        {
            client.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
