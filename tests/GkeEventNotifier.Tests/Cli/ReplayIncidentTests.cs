using System.Text.Json.Nodes;
using k8s;
using static GkeEventNotifier.Tests.TestEntries;

namespace GkeEventNotifier.Tests.Cli;

/// <summary>
/// gke-events replay runs the incident lifecycle on the export's clock: the re-check every 5 minutes of event time,
/// answered from the --pods snapshot, so a crash loop and its recovery print as they would have happened.
/// </summary>
public sealed class ReplayIncidentTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CrashLoopThenHealthyPods_PrintsTheAlertAndTheRecovery_WithTheEventsTimes()
    {
        var export = new JsonArray(
            Later(Nine + TimeSpan.FromMinutes(40)),
            CrashLoop(CartPod(1), Nine + TimeSpan.FromMinutes(2)),
            CrashLoop(CartPod(0), Nine));
        var pods = await PodsFileAsync(RunningPod(CartPod(0), ready: true, restarts: 6), RunningPod(CartPod(1), ready: true, restarts: 4));
        try
        {
            var (code, output, error) = await ReplayCommandTests.Run(["replay", "--pods", pods, "-"], export.ToJsonString());

            Assert.Equal(0, code);
            var alert = output.IndexOf("crash loop: Deployment shop/cart", StringComparison.Ordinal);
            var recovered = output.IndexOf("Resolved: Deployment shop/cart recovered after 5 min (crash loop: pods Ready, restart counts unchanged for 10 min)", StringComparison.Ordinal);
            Assert.True(alert >= 0 && recovered > alert, output);
            Assert.Contains("First failure 2026-11-20 09:00 UTC · last failure 2026-11-20 09:02 UTC", output, StringComparison.Ordinal);
            Assert.Contains("3 entries read: 3 alerted", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pods);
        }
    }

    [Fact]
    public async Task PodPlacedWithinTheGrace_PrintsNothing_AndOneStillUnplacedAfterIt_PrintsItsAlertAtTheSweep()
    {
        var export = new JsonArray(
            FailedScheduling(CartPod(0), Nine),
            Scheduled(CartPod(0), Nine + TimeSpan.FromMinutes(3)),
            FailedScheduling("orders-5b6c7d8f9-x2kzl", Nine + TimeSpan.FromMinutes(4)),
            Later(Nine + TimeSpan.FromMinutes(30)));

        var (code, output, _) = await ReplayCommandTests.Run(["replay", "-"], export.ToJsonString());

        Assert.Equal(0, code);
        Assert.DoesNotContain("Deployment shop/cart", output, StringComparison.Ordinal);
        Assert.Contains("scheduling (insufficient cpu, affinity/taints): Deployment shop/orders, failing for 16 min", output, StringComparison.Ordinal);
    }

    /// <summary>An eviction elsewhere: an entry later in the export, so the replay's clock passes the re-checks in between.</summary>
    private static JsonObject Later(DateTimeOffset at)
    {
        var entry = TestEntries.Evicted(pod: "search-7c9d8f6b5-q2wzx", ns: "search");
        var time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        entry["timestamp"] = time;
        entry["jsonPayload"]!["lastTimestamp"] = time;
        return entry;
    }

    private static async Task<string> PodsFileAsync(params k8s.Models.V1Pod[] pods)
    {
        var file = Path.GetTempFileName();
        var list = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(pods.Select(pod => JsonNode.Parse(KubernetesJson.Serialize(pod))).ToArray()) };
        await File.WriteAllTextAsync(file, list.ToJsonString());
        return file;
    }
}
