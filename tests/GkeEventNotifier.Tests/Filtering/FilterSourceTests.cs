using System.Text.Json;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Stages.Filtering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Tests.Filtering;

public sealed class FilterSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("filter-source-").FullName;

    [Fact]
    public void NothingConfigured_UsesTheBuiltInDefault()
    {
        var filter = Resolve(new Dictionary<string, string?>());

        Assert.Equal("the built-in default filter", filter.Origin);
        Assert.True(filter.Matches(LogEntryFixtures.Event()));
        Assert.False(filter.Matches(LogEntryFixtures.Event(reason: "Pulled")));
    }

    [Fact]
    public void EventFilter_ReplacesTheDefault()
    {
        var filter = Resolve(new() { ["EVENT_FILTER"] = "jsonPayload.reason=Pulled" });

        Assert.True(filter.Matches(LogEntryFixtures.Event(reason: "Pulled")));
        Assert.False(filter.Matches(LogEntryFixtures.Event()));
    }

    [Fact]
    public void EventFilterFile_IsReadAtStartUp()
    {
        var path = Path.Combine(_directory, "team.filter");
        File.WriteAllText(path, "-- only evictions\njsonPayload.reason=Evicted\n");

        var filter = Resolve(new() { ["EVENT_FILTER_FILE"] = path });

        Assert.Equal($"EVENT_FILTER_FILE ({path})", filter.Origin);
        Assert.True(filter.Matches(LogEntryFixtures.Event()));
    }

    [Fact]
    public void InvalidEventFilter_StopsStartUp_NamingTheVariableAndPosition()
    {
        var error = Assert.Throws<InvalidFilterException>(() => Resolve(new() { ["EVENT_FILTER"] = "jsonPayload.reason=Evicted\nseverity >= ERRROR" }));

        Assert.Equal("EVENT_FILTER is not a valid Cloud Logging query: line 2, column 13: 'ERRROR' is not a severity (DEFAULT, DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY)", error.Message);
    }

    [Fact]
    public void InvalidFilterFile_NamesTheVariableAndTheFile()
    {
        var path = Path.Combine(_directory, "broken.filter");
        File.WriteAllText(path, "log_id(\"events\")\n  resource.type=(\"k8s_pod\"");

        var error = Assert.Throws<InvalidFilterException>(() => Resolve(new() { ["EVENT_FILTER_FILE"] = path }));

        Assert.StartsWith($"EVENT_FILTER_FILE ({path}) is not a valid Cloud Logging query: line 2, column 27: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFilterFile_NamesTheVariable()
    {
        var path = Path.Combine(_directory, "absent.filter");

        var error = Assert.Throws<InvalidFilterException>(() => Resolve(new() { ["EVENT_FILTER_FILE"] = path }));

        Assert.StartsWith($"EVENT_FILTER_FILE ({path}) cannot be read: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void EmptyEventFilter_IsAnError_NotTheDefault(string value)
    {
        var error = Assert.Throws<InvalidFilterException>(() => Resolve(new() { ["EVENT_FILTER"] = value }));

        Assert.Equal("EVENT_FILTER holds no query (it is empty), which would alert on every entry: write a query, or unset EVENT_FILTER to use the built-in default.", error.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-- TODO: our alerts\n\n-- nothing yet\n", "only comments")]
    public void FilterFileWithNoQuery_IsAnError_NotMatchEverything(string text, string what)
    {
        var path = Path.Combine(_directory, "todo.filter");
        File.WriteAllText(path, text);

        var error = Assert.Throws<InvalidFilterException>(() => Resolve(new() { ["EVENT_FILTER_FILE"] = path }));

        Assert.Equal($"EVENT_FILTER_FILE ({path}) holds no query (it is {what}), which would alert on every entry: write a query, or unset EVENT_FILTER_FILE to use the built-in default.", error.Message);
    }

    [Fact]
    public void BothVariablesSet_IsAnError()
    {
        var error = Assert.Throws<InvalidFilterException>(() => Resolve(new() { ["EVENT_FILTER"] = "a", ["EVENT_FILTER_FILE"] = "b" }));

        Assert.Equal("EVENT_FILTER and EVENT_FILTER_FILE are both set; set only one of them.", error.Message);
    }

    [Fact]
    public void AddEventFilter_WithAnInvalidFilter_FailsValidationNamingTheVariable()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EVENT_FILTER"] = "severity>=" }).Build();
        using var provider = new ServiceCollection().AddEventFilter(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEventFilter>());

        Assert.Equal("EVENT_FILTER is not a valid Cloud Logging query: line 1, column 11: expected a value but found the end of the query", error.Message);
    }

    [Fact]
    public void AddEventFilter_RegistersTheFilterAsASingleton()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EVENT_FILTER"] = "severity>=ERROR" }).Build();
        using var provider = new ServiceCollection().AddEventFilter(configuration).BuildServiceProvider();

        var filter = provider.GetRequiredService<IEventFilter>();

        Assert.Same(filter, provider.GetRequiredService<IEventFilter>());
        Assert.True(filter.Matches(LogEntryFixtures.Event(severity: "CRITICAL")));
        Assert.False(filter.Matches(JsonDocument.Parse("{}").RootElement));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static QueryEventFilter Resolve(Dictionary<string, string?> settings)
    {
        var options = new EventFilterOptions();
        EventFilterOptions.Bind(options, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return QueryEventFilter.Create(options);
    }
}
