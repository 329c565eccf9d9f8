namespace GkeEventNotifier.Tests.Cli;

/// <summary>gke-events filter check / test, run in memory over the repository's samples.</summary>
public sealed class FilterCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("filter-cli-").FullName;

    [Fact]
    public async Task Check_PrintsTheQueryNormalised_OneTermPerLine()
    {
        var file = Write("team.filter", "-- our alerts\nlog_id(events) severity>=warning\njsonPayload.reason=(Evicted OR OOMKilling)");

        var (code, output, _) = await ReplayCommandTests.Run(["filter", "check", file]);

        Assert.Equal(0, code);
        Assert.Equal("log_id(\"events\")\nAND severity>=\"warning\"\nAND jsonPayload.reason=(\"Evicted\" OR \"OOMKilling\")\n", output);
    }

    [Fact]
    public async Task Check_OfAnInvalidFilter_NamesFileLineColumnAndProblem()
    {
        var file = Write("bad.filter", "log_id(\"events\")\nresource.typ=k8s_pod\n");

        var (code, output, error) = await ReplayCommandTests.Run(["filter", "check", file]);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith($"{file}:2:10: error: 'typ' is not a field of resource (known: type, labels)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OfAFilterOfOnlyComments_SaysItHoldsNoQuery()
    {
        var file = Write("todo.filter", "-- our alerts, one day\n");

        var (code, output, error) = await ReplayCommandTests.Run(["filter", "check", file]);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal($"{file}: error: the filter holds no query (only blank lines or comments), which would alert on every entry\n", error);
    }

    [Fact]
    public async Task Test_ListsWhichEntriesMatch_WithTheDefaultFilter()
    {
        var (code, output, error) = await ReplayCommandTests.Run(["filter", "test", Samples.Path_("gke-events-export.json")]);

        Assert.Equal(0, code);
        Assert.Contains("match      #9   2026-11-20T09:14:03Z            Evicted                Pod shop/checkout-api-6d8f7b9c5d-qz4lp", output, StringComparison.Ordinal);
        Assert.Contains("no match   #6   2026-11-20T11:20:00Z            Pulled                 Pod shop/cart-5f9c8d7b6-7kq9d", output, StringComparison.Ordinal);
        Assert.Equal("17 entries: 9 match, 8 do not match (filter: the built-in default filter)\n", error);
    }

    [Fact]
    public async Task Test_WithAFilterFileAndExplain_SaysWhyAnEntryDidNotMatch()
    {
        var file = Write("evictions.filter", "jsonPayload.reason=Evicted AND NOT jsonPayload.involvedObject.namespace=shop");

        var (code, output, error) = await ReplayCommandTests.Run(["filter", "test", "--filter", file, "--explain", "9", Samples.Path_("gke-events.jsonl")]);

        Assert.Equal(0, code);
        Assert.Contains("""
            Entry #9 does not match:
              no  AND  (1 of 2 terms match)
              yes   jsonPayload.reason="Evicted"  (jsonPayload.reason is "Evicted")
              no    NOT  (the term below matches)
              yes     jsonPayload.involvedObject.namespace="shop"  (jsonPayload.involvedObject.namespace is "shop")
            """.ReplaceLineEndings("\n"), output, StringComparison.Ordinal);
        Assert.EndsWith($"(filter: {file})\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_UsesEventFilterLikeTheFunction_WhenNoFilterIsGiven()
    {
        var settings = new Dictionary<string, string?> { ["EVENT_FILTER"] = "jsonPayload.reason=Pulled" };

        var (code, _, error) = await ReplayCommandTests.Run(["filter", "test", Samples.Path_("gke-events-export.json")], settings: settings);

        Assert.Equal(0, code);
        Assert.Equal("17 entries: 1 match, 16 do not match (filter: EVENT_FILTER)\n", error);
    }

    [Fact]
    public async Task Test_ReportsUnreadableLines_AndExplainOutOfRangeIsAUsageError()
    {
        var (code, output, _) = await ReplayCommandTests.Run(["filter", "test", "-"], "{not json\n" + Samples.Entry("keep-evicted").ReplaceLineEndings(string.Empty) + "\n");
        var (explainCode, _, explainError) = await ReplayCommandTests.Run(["filter", "test", "--explain", "99", Samples.Path_("gke-events.jsonl")]);

        Assert.Equal(1, code);
        Assert.Contains("unreadable #1   the line is not valid JSON", output, StringComparison.Ordinal);
        Assert.Contains("match      #2", output, StringComparison.Ordinal);
        Assert.Equal(2, explainCode);
        Assert.Equal("error: --explain 99: the export has entries 1 to 16\n", explainError);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
