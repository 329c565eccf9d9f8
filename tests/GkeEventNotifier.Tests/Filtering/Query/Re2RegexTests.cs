using GkeEventNotifier.Stages.Filtering.Query;

namespace GkeEventNotifier.Tests.Filtering.Query;

public sealed class Re2RegexTests
{
    [Fact]
    public void CatastrophicPattern_OnAHostileMessage_ReturnsNoMatch()
    {
        // (a+)+$ against "aaaa…!" takes exponential time in a backtracking engine; RE2 semantics keep it linear.
        var entry = LogEntryFixtures.Event(message: new string('a', 50_000) + "!");
        var query = LoggingQuery.Parse("jsonPayload.message =~ \"(a+)+$\" OR jsonPayload.message =~ \"^(a|aa)*$\"");

        Assert.False(query.Matches(entry, out var timedOut));
        Assert.False(timedOut, "the pattern ran out of time: the engine is backtracking");
    }

    [Fact]
    public void MatchThatRunsOutOfTime_CountsAsNoMatch_AndTheExplanationSaysSo()
    {
        var entry = LogEntryFixtures.Event(message: string.Concat(Enumerable.Repeat("abcdefghij", 200_000)));
        var query = LoggingQuery.Parse("jsonPayload.message =~ \"(.*a){12}z\" OR jsonPayload.message !~ \"(.*a){12}z\"", TimeSpan.FromTicks(1));

        var explanation = query.Explain(entry);

        Assert.False(query.Matches(entry));
        Assert.False(explanation.Matched);
        Assert.Contains(explanation.Steps, s => s.Detail.EndsWith("the regular expression ran out of time, counted as no match", StringComparison.Ordinal));
    }
}
