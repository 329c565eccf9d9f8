using System.Text;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Tests.Decoding;

public sealed class LogEntryExportReaderTests
{
    [Fact]
    public void GcloudJsonArray_IsReadEntryByEntry()
    {
        var entries = LogEntryExportReader.Read(File.ReadAllBytes(Samples.Path_("gke-events-export.json")));

        Assert.Equal(17, entries.Count);
        Assert.All(entries, e => Assert.True(e.IsValid));
        Assert.Equal(Enumerable.Range(1, 17), entries.Select(e => e.Number));
    }

    [Fact]
    public void OneEntryPerLine_IsRead_AndABadLineIsReportedWithoutStoppingTheRest()
    {
        var lines = File.ReadAllLines(Samples.Path_("gke-events.jsonl")).Take(3).ToList();
        lines.Insert(1, "{broken");
        lines.Insert(2, "");

        var entries = LogEntryExportReader.Read(Encoding.UTF8.GetBytes(string.Join("\n", lines)));

        Assert.Equal(4, entries.Count);
        Assert.Equal("the line is not valid JSON", entries[1].Error);
        Assert.True(entries[3].IsValid);
    }

    [Fact]
    public void BrokenArray_IsOneClearError()
    {
        var entry = Assert.Single(LogEntryExportReader.Read(Encoding.UTF8.GetBytes("[{\"a\":1},")));

        Assert.StartsWith("the export is not a valid JSON array", entry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyInput_HasNoEntries() => Assert.Empty(LogEntryExportReader.Read(Encoding.UTF8.GetBytes("  \n")));
}
