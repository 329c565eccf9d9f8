using GkeEventNotifier.Tests.Host;

namespace GkeEventNotifier.Tests.Filtering;

/// <summary>The function host with EVENT_FILTER / EVENT_FILTER_FILE: a bad filter stops the start, a good one is applied.</summary>
public sealed class FilterStartupTests
{
    [Fact]
    public async Task InvalidEventFilter_StopsTheFunctionAtStartUp_NamingVariableAndPosition()
    {
        var result = await BuiltProgram.FunctionAsync(new Dictionary<string, string?> { ["EVENT_FILTER"] = "log_id(\"events\")\njsonPayload.reason=(\"Evicted\" OR" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("EVENT_FILTER is not a valid Cloud Logging query: line 2, column 33: expected a value but found the end of the query", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyEventFilter_StopsTheFunctionAtStartUp_InsteadOfMeaningTheDefault()
    {
        var result = await BuiltProgram.FunctionAsync(new Dictionary<string, string?> { ["EVENT_FILTER"] = "" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("EVENT_FILTER holds no query (it is empty), which would alert on every entry", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"severity\":\"CRITICAL\"", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventFilter_ReplacesTheDefault_InTheRunningFunction()
    {
        using var factory = new FunctionFactory(new Dictionary<string, string?> { ["EVENT_FILTER"] = "jsonPayload.reason=Pulled" });
        using var client = factory.CreateClient();

        using var kept = await client.PostAsync(new Uri("/", UriKind.Relative), Json(Samples.PushBody(Samples.Entry("drop-normal-pulled"))));
        using var dropped = await client.PostAsync(new Uri("/", UriKind.Relative), Json(Samples.PushBody(Samples.Entry("keep-evicted"))));

        Assert.True(kept.IsSuccessStatusCode);
        Assert.True(dropped.IsSuccessStatusCode);
        Assert.Contains("Pulled", factory.Stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Evicted", factory.Stdout.ToString(), StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
