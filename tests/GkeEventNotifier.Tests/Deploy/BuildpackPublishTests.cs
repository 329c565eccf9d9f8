using System.Text.Json;

namespace GkeEventNotifier.Tests.Deploy;

public sealed class BuildpackPublishTests(PublishedFunctionFixture published) : IClassFixture<PublishedFunctionFixture>
{
    [SkippableFact]
    public void PublishedFunction_HasTheOneRuntimeConfigTheBuildpackReadsAndItNamesAspNetCore()
    {
        Skip.If(published.SkipReason is not null, published.SkipReason);

        var runtimeConfig = Assert.Single(Directory.GetFiles(published.PublishDirectory, "*runtimeconfig.json"));

        Assert.Equal("GkeEventNotifier.Function.runtimeconfig.json", Path.GetFileName(runtimeConfig));
        Assert.Contains("Microsoft.AspNetCore.App", FrameworkNames(runtimeConfig));
        Assert.True(File.Exists(Path.Combine(published.PublishDirectory, "GkeEventNotifier.Function.dll")));
    }

    [SkippableFact]
    public async Task PublishedFunction_StartedAsTheBuildpackStartsIt_AnswersAPubSubCloudEventAndPrintsTheAlert()
    {
        Skip.If(published.SkipReason is not null, published.SkipReason);
        using var function = StartedFunction.Start(published.DotnetPath, published.PublishDirectory);

        using var response = await function.SendWhenReadyAsync(SamplePubSubCloudEvent.Request, CancellationToken.None);

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}; the function printed:\n{function.Output}");
        Assert.True(
            await function.PrintsAsync(SamplePubSubCloudEvent.PodName),
            $"The alert for {SamplePubSubCloudEvent.PodName} was not printed; the function printed:\n{function.Output}");
    }

    private static List<string> FrameworkNames(string runtimeConfig)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        var options = document.RootElement.GetProperty("runtimeOptions");
        var frameworks = options.TryGetProperty("frameworks", out var many) ? many.EnumerateArray().ToList() : [options.GetProperty("framework")];
        return [.. frameworks.Select(f => f.GetProperty("name").GetString() ?? "")];
    }
}
