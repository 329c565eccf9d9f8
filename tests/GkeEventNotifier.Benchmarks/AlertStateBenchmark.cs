using System.Diagnostics;
using System.Globalization;
using System.Text;
using GkeEventNotifier.Adapters.State.Firestore;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Dedup;
using GkeEventNotifier.Model.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// What the shared alert state adds to the alert path, memory and Firestore (the emulator at FIRESTORE_EMULATOR_HOST)
/// measured in the same run: latency of the dedup work of one alert (claim, confirm, similar pointer) and of one repeat
/// (count, read back for the update), and the Firestore requests each makes, counted on the wire.
/// Run with scripts/alert-state-benchmark.sh; <c>dotnet run -c Release --project tests/GkeEventNotifier.Benchmarks -- alert-state</c>.
/// </summary>
internal static class AlertStateBenchmark
{
    private const int Alerts = 300;
    private const int WarmUp = 30;

    /// <summary>Firestore Standard edition list prices, multi-region (nam5, eur3), USD per 100,000 documents: cloud.google.com/firestore/pricing.</summary>
    private const double ReadPrice = 0.06;
    private const double WritePrice = 0.18;
    private const double DeletePrice = 0.02;

    public static async Task<int> RunAsync()
    {
        if (Environment.GetEnvironmentVariable("FIRESTORE_EMULATOR_HOST") is not { Length: > 0 } emulator)
        {
            await Console.Error.WriteLineAsync("FIRESTORE_EMULATOR_HOST is not set: run scripts/alert-state-benchmark.sh, which starts the emulator.");
            return 2;
        }

        var memory = await MeasureAsync(new() { ["ALERT_STATE"] = "memory" });
        var firestore = await MeasureAsync(new() { ["ALERT_STATE"] = "firestore", ["FIRESTORE_EMULATOR_HOST"] = emulator, ["FIRESTORE_PROJECT"] = "benchmark-project", ["STATE_TIMEOUT_SECONDS"] = "30" });
        Print(memory, firestore);
        return 0;
    }

    private static async Task<Figures> MeasureAsync(Dictionary<string, string?> settings)
    {
        var requests = new RequestCounter();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddGkeEventNotifier(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddHttpClient(FirestoreEndpoint.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(requests));
        await using var provider = services.BuildServiceProvider();
        var ledger = provider.GetRequiredService<AlertLedger>();
        var run = Guid.NewGuid().ToString("N")[..8];

        await AlertAndRepeatAsync(ledger, $"{run}-warm", WarmUp, new List<double>(), new List<double>());
        requests.Reset();
        var alertTimes = new List<double>();
        var repeatTimes = new List<double>();
        var alertRequests = await AlertAndRepeatAsync(ledger, run, Alerts, alertTimes, repeatTimes, requests);
        return new Figures(alertTimes, repeatTimes, alertRequests, requests.Snapshot());
    }

    /// <summary>Every alert first, then one repeat of each; returns the requests the alerts alone made.</summary>
    private static async Task<Dictionary<string, int>> AlertAndRepeatAsync(AlertLedger ledger, string run, int count, List<double> alertTimes, List<double> repeatTimes, RequestCounter? requests = null)
    {
        var posted = new SlackPostResult("C0BENCH", "1700000000.000100");
        var entries = Enumerable.Range(0, count).Select(i => Entry($"{run}-{i}")).ToList();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var decision = (DedupDecision.New)await ledger.ClaimAsync(EventKeys.Of($"{run}-m{i}", entries[i]), default);
            await ledger.ConfirmAsync(decision.Claim, posted, inSummary: false, default);
            alertTimes.Add(clock.Elapsed.TotalMilliseconds);
        }

        var alertRequests = requests?.Snapshot() ?? [];
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var repeat = (DedupDecision.Repeat)await ledger.ClaimAsync(EventKeys.Of($"{run}-r{i}", entries[i]), default);
            await ledger.OccurrencesAsync(repeat.Record, default);
            repeatTimes.Add(clock.Elapsed.TotalMilliseconds);
        }

        return alertRequests;
    }

    private static Model.EventLogEntry Entry(string uid)
    {
        var json = BenchmarkEntries.AlertedEvicted.Replace("892f902b-d23f-4824-928b-2f330c5c7fd0", uid, StringComparison.Ordinal);
        return ((DecodeResult.EventEntry)LogEntryDecoder.Decode(Encoding.UTF8.GetBytes(json))).Entry;
    }

    private static void Print(Figures memory, Figures firestore)
    {
        static string Ms(List<double> times, double quantile) => times.Order().ElementAt((int)((times.Count - 1) * quantile)).ToString("0.000", CultureInfo.InvariantCulture);
        static double Per(Dictionary<string, int> counts, string kind) => counts.GetValueOrDefault(kind) / (double)Alerts;

        Console.WriteLine($"Alert-state benchmark: {Alerts} alerts, then one repeat of each, memory vs Firestore emulator, same run");
        Console.WriteLine("| path | memory median / p95 (ms) | Firestore median / p95 (ms) |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| alert (claim, confirm, similar pointer) | {Ms(memory.Alert, 0.5)} / {Ms(memory.Alert, 0.95)} | {Ms(firestore.Alert, 0.5)} / {Ms(firestore.Alert, 0.95)} |");
        Console.WriteLine($"| repeat (count, read back) | {Ms(memory.Repeat, 0.5)} / {Ms(memory.Repeat, 0.95)} | {Ms(firestore.Repeat, 0.5)} / {Ms(firestore.Repeat, 0.95)} |");
        var repeatOnly = firestore.AllRequests.ToDictionary(p => p.Key, p => p.Value - firestore.AlertRequests.GetValueOrDefault(p.Key));
        Console.WriteLine($"Firestore requests per alert: {Per(firestore.AlertRequests, "read"):0.00} reads, {Per(firestore.AlertRequests, "create"):0.00} creates, {Per(firestore.AlertRequests, "commit"):0.00} conditional updates");
        Console.WriteLine($"Firestore requests per repeat: {Per(repeatOnly, "read"):0.00} reads, {Per(repeatOnly, "commit"):0.00} conditional updates");
        var reads = Per(firestore.AlertRequests, "read");
        var writes = Per(firestore.AlertRequests, "create") + Per(firestore.AlertRequests, "commit");
        var documents = Per(firestore.AlertRequests, "create"); // each created document is deleted once by the TTL policy
        var cost = 1000 * ((reads * ReadPrice) + (writes * WritePrice) + (documents * DeletePrice)) / 100_000;
        Console.WriteLine($"Cost per 1,000 alerts (list prices, multi-region: ${ReadPrice}/${WritePrice}/${DeletePrice} per 100,000 reads/writes/deletes; TTL deletes included): ${cost:0.0000}");
    }

    private sealed record Figures(List<double> Alert, List<double> Repeat, Dictionary<string, int> AlertRequests, Dictionary<string, int> AllRequests);

    /// <summary>Firestore requests by kind: read (GET), create (POST ?documentId=), commit (conditional update).</summary>
    private sealed class RequestCounter
    {
        private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);

        public void Count(HttpRequestMessage request)
        {
            var kind = request.Method == HttpMethod.Get ? "read"
                : request.RequestUri!.AbsolutePath.EndsWith(":commit", StringComparison.Ordinal) ? "commit"
                : "create";
            lock (counts)
            {
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
            }
        }

        public void Reset()
        {
            lock (counts)
            {
                counts.Clear();
            }
        }

        public Dictionary<string, int> Snapshot()
        {
            lock (counts)
            {
                return new Dictionary<string, int>(counts, StringComparer.Ordinal);
            }
        }
    }

    private sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Count(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
