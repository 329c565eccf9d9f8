using GkeEventNotifier.Stages.Filtering.Query;

namespace GkeEventNotifier.Tests.Filtering.Query;

public sealed class TextFoldingTests
{
    [Fact]
    public void NonAsciiLetters_CompareIgnoringCase()
    {
        var entry = LogEntryFixtures.Event(message: "Échec du montage du volume « données »");

        Assert.True(LoggingQuery.Parse("jsonPayload.message:\"ÉCHEC DU MONTAGE\"").Matches(entry));
        Assert.True(LoggingQuery.Parse("jsonPayload.message:\"« DONNÉES »\"").Matches(entry));
    }
}
