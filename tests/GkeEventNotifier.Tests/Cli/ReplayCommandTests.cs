using GkeEventNotifier.Cli;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Tests.Cli;

/// <summary>gke-events replay: the README's "try it" command, run in memory with captured streams.</summary>
public sealed class ReplayCommandTests
{
    [Fact]
    public async Task ReplayOfTheSampleExport_PrintsTheAlerts_AndReportsEveryEntry()
    {
        var (code, output, error) = await Run(["replay", Samples.Path_("gke-events-export.json")]);

        Assert.Equal(0, code);
        Assert.Contains("OOMKilling: Node gke-shop-eu1-highmem-pool-0b8e44d1-m9zt", output, StringComparison.Ordinal);
        Assert.Contains("Evicted: Pod shop/checkout-api-6d8f7b9c5d-qz4lp", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Pulled", output, StringComparison.Ordinal);
        Assert.Contains("17 entries read: 10 alerted (printed; no Slack setting), 7 dropped by the filter or a drop rule, 0 not Kubernetes events", error, StringComparison.Ordinal);
        Assert.Contains("0 rejected", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayWithJson_PrintsOneSlackPayloadPerLine()
    {
        var (code, output, _) = await Run(["replay", "--json", Samples.Path_("gke-events.jsonl")]);

        Assert.Equal(0, code);
        var payloads = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(9, payloads.Count); // 8 alerts and the exporter restart's blind-spot notice
        Assert.All(payloads, p => Assert.Equal(JsonValueKind.Array, p.GetProperty("attachments").ValueKind));
    }

    [Fact]
    public async Task ReplayFromStdin_ReportsRejectedEntriesWithTheirReason()
    {
        var input = Samples.Entry("keep-evicted").ReplaceLineEndings("") + "\n{not json\n" + """{"hello":"world"}""" + "\n";

        var (code, _, error) = await Run(["replay", "-"], input);

        Assert.Equal(1, code);
        Assert.Contains("3 entries read: 1 alerted", error, StringComparison.Ordinal);
        Assert.Contains("rejected entry 2: the line is not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains("rejected entry 3: data is a JSON object but not a LogEntry", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayOfAMissingFile_SaysSo()
    {
        var (code, _, error) = await Run(["replay", "/no/such/file.json"]);

        Assert.Equal(2, code);
        Assert.Contains("error: cannot read '/no/such/file.json'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayWithAMalformedSlackSetting_StopsNamingTheVariable()
    {
        var (code, _, error) = await Run(["replay", Samples.Path_("gke-events.jsonl")], settings: new() { ["SLACK_WEBHOOK_URL"] = "http://example.com/hook" });

        Assert.Equal(2, code);
        Assert.Contains("SLACK_WEBHOOK_URL must be an absolute https:// URL", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("replay", "--help")]
    public async Task Help_DescribesTheCommands(params string[] args)
    {
        var (code, output, _) = await Run(args);

        Assert.Equal(0, code);
        Assert.Contains("replay", output, StringComparison.Ordinal);
    }

    internal static async Task<(int Code, string Output, string Error)> Run(string[] args, string input = "", Dictionary<string, string?>? settings = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var code = await CliApp.RunAsync(args, new CliConsole(new StringReader(input), output, error), configuration, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
