using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Filtering.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace GkeEventNotifier.Tests.Filtering;

public sealed class QueryEventFilterTests
{
    [Fact]
    public void RegexThatRunsOutOfTime_DropsTheEntry_AndLogsAWarningNamingTheFilterAndEntry()
    {
        var logger = new FakeLogger<QueryEventFilter>();
        var query = LoggingQuery.Parse("jsonPayload.message =~ \"(.*a){12}z\"", TimeSpan.FromTicks(1));
        var filter = new QueryEventFilter(query, "EVENT_FILTER", logger);

        var matched = filter.Matches(LogEntryFixtures.Event(message: string.Concat(Enumerable.Repeat("abcdefghij", 200_000))));

        Assert.False(matched);
        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("A regular expression of the filter (EVENT_FILTER) ran out of time on entry t3stins3rt01; it counted as no match", record.Message);
    }

    [Fact]
    public void OrdinaryEvaluation_LogsNothing()
    {
        var logger = new FakeLogger<QueryEventFilter>();
        var filter = new QueryEventFilter(LoggingQuery.Parse("jsonPayload.message =~ \"memory\""), "EVENT_FILTER", logger);

        Assert.True(filter.Matches(LogEntryFixtures.Event()));
        Assert.Empty(logger.Collector.GetSnapshot());
    }
}
