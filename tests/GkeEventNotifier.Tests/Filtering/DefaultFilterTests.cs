using System.Text.Json;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Stages.Filtering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Tests.Filtering;

/// <summary>The built-in filter over the samples: keep-* entries alert, drop-* entries do not.</summary>
public sealed class DefaultFilterTests
{
    private readonly IEventFilter filter = new ServiceCollection()
        .AddLogging()
        .AddGkeEventNotifier(new ConfigurationBuilder().Build())
        .BuildServiceProvider()
        .GetRequiredService<IEventFilter>();

    public static TheoryData<string> Kept => new(Samples.EntryNames("keep-").Append("notice-exporter-started"));

    public static TheoryData<string> Dropped => new(Samples.EntryNames("drop-"));

    [Theory]
    [MemberData(nameof(Kept))]
    public void DefaultFilter_Keeps(string sample) => Assert.True(filter.Matches(Parse(sample)));

    [Theory]
    [MemberData(nameof(Dropped))]
    public void DefaultFilter_Drops(string sample) => Assert.False(filter.Matches(Parse(sample)));

    [Fact]
    public void DefaultFilter_DropsEventsFromOtherLogs()
    {
        var node = Samples.EntryNode("keep-evicted");
        node["logName"] = "projects/acme-shop-prod/logs/cloudaudit.googleapis.com%2Factivity";

        Assert.False(filter.Matches(JsonDocument.Parse(node.ToJsonString()).RootElement));
    }

    private static JsonElement Parse(string sample) => JsonDocument.Parse(Samples.Entry(sample)).RootElement;
}
