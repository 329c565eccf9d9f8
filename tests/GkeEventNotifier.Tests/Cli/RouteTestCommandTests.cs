namespace GkeEventNotifier.Tests.Cli;

/// <summary>gke-events route test: per entry, the drop rule or the receivers and the routes that chose them; nothing is sent.</summary>
public sealed class RouteTestCommandTests
{
    private static readonly string SampleRoutes = Samples.Path_("notifier-config.yaml");

    [Fact]
    public async Task SampleRoutingFile_OnTheSampleExport_SaysWhereEachEntryGoesAndWhy()
    {
        var (code, output, error) = await ReplayCommandTests.Run(["route", "test", "--config", SampleRoutes, Samples.Path_("gke-events-export.json")]);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(17, lines.Length);
        Assert.Equal("#1   OOMKilling on Node gke-shop-eu1-default-pool-7f3a9c21-x2kq → platform (channel C0PLATFORM) (route 'node-problems')", lines[0]);
        Assert.Equal("#7   BackoffLimitExceeded on Job billing/invoice-export-29376540 → payments (channel C0PAYMENTS) (route 'payments')", lines[6]);
        Assert.Equal("#9   Evicted on Pod shop/checkout-api-6d8f7b9c5d-qz4lp → platform (channel C0PLATFORM) (no route matched: the default receiver)", lines[8]);
        Assert.StartsWith("#6   Pulled on Pod shop/cart-5f9c8d7b6-7kq9d: not kept by the filter", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("17 entries: 10 routed, 0 dropped by a rule, 7 not kept by the filter, 0 not Kubernetes events, 0 unreadable", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DropRuleAndFanOut_AreNamed()
    {
        var preview = Samples.EntryNode("keep-evicted");
        preview["resource"]!["labels"]!["namespace_name"] = "preview-42";
        var job = Samples.EntryNode("keep-backofflimitexceeded");
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """
            receivers:
              - name: oncall
                slack_channel: C0ONCALL
              - name: batch-team
                slack_channel: C0BATCH
            drop:
              - name: previews
                query: resource.labels.namespace_name=~"^preview-"
            routes:
              - name: all-jobs
                query: jsonPayload.involvedObject.kind="Job"
                receiver: oncall
                continue: true
              - name: billing
                query: jsonPayload.involvedObject.namespace="billing"
                receiver: batch-team
            """);
        try
        {
            var (code, output, _) = await ReplayCommandTests.Run(["route", "test", "--config", file, "-"], preview.ToJsonString() + "\n" + job.ToJsonString() + "\n");

            Assert.Equal(0, code);
            Assert.Equal(
                [
                    "#1   Evicted on Pod shop/checkout-api-6d8f7b9c5d-qz4lp: dropped by rule 'previews'",
                    "#2   BackoffLimitExceeded on Job billing/invoice-export-29376540 → oncall (channel C0ONCALL), batch-team (channel C0BATCH) (routes 'all-jobs', 'billing')",
                ],
                output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task InvalidRoutingFile_IsAUsageError_WithLineAndColumn()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "routes:\n  - name: r\n    query: severity>=ERROR\n    receiver: nobody\n");
        try
        {
            var (code, output, error) = await ReplayCommandTests.Run(["route", "test", "--config", file, Samples.Path_("gke-events.jsonl")]);

            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.StartsWith("error: ", error, StringComparison.Ordinal);
            Assert.Contains(file, error, StringComparison.Ordinal);
            Assert.Contains("line 4", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task WithoutConfig_IsAUsageError()
    {
        var (code, _, error) = await ReplayCommandTests.Run(["route", "test", Samples.Path_("gke-events.jsonl")]);

        Assert.Equal(2, code);
        Assert.Contains("--config", error, StringComparison.Ordinal);
    }
}
