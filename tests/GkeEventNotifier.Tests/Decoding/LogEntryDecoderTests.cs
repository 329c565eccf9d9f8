using System.Text;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Tests.Decoding;

/// <summary>The decoder over real-shaped GKE events LogEntries and every field GKE's exporter may leave out.</summary>
public sealed class LogEntryDecoderTests
{
    public static TheoryData<string> EventSamples => new(Samples.EntryNames("keep-").Concat(Samples.EntryNames("drop-")));

    [Theory]
    [MemberData(nameof(EventSamples))]
    public void EverySampleEvent_DecodesWithClusterAndObject(string sample)
    {
        var entry = Decode(Samples.Entry(sample));

        Assert.Equal(new ClusterRef("acme-shop-prod", "europe-west1", "shop-eu1"), entry.Cluster);
        Assert.NotEmpty(entry.Event.Reason);
        Assert.NotEmpty(entry.Event.InvolvedObject.Kind);
        Assert.NotEmpty(entry.Event.InvolvedObject.Name);
        Assert.NotEqual(default, entry.Event.LastSeen);
    }

    [Fact]
    public void OomKilling_ReadsNodeSourceAndMissingApiVersion()
    {
        var entry = Decode(Samples.Entry("keep-oomkilling"));

        Assert.Equal("OOMKilling", entry.Event.Reason);
        Assert.Equal("k8s_node", entry.ResourceType);
        Assert.Equal("gke-shop-eu1-highmem-pool-0b8e44d1-m9zt", entry.NodeName);
        Assert.Equal("kernel-monitor", entry.Event.SourceComponent);
        Assert.Null(entry.Event.InvolvedObject.ApiVersion);
        Assert.True(entry.Event.IsWarning);
    }

    [Fact]
    public void MissingLastTimestamp_FallsBackToTheEntryTimestamp()
    {
        var entry = Decode(Samples.Entry("keep-oomkilling-combined-no-apiversion"));

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 13, 10, 2, TimeSpan.Zero), entry.Event.LastSeen);
        Assert.Null(entry.Event.Count);
        Assert.Null(entry.Event.FirstSeen);
    }

    [Theory]
    [InlineData("2026-11-20T13:03:27Z", 0)]
    [InlineData("2026-11-20T13:03:27.1Z", 1_000_000)]
    [InlineData("2026-11-20T13:03:27.123Z", 1_230_000)]
    [InlineData("2026-11-20T13:03:27.123456Z", 1_234_560)]
    [InlineData("2026-11-20T13:03:27.1234567Z", 1_234_567)]
    [InlineData("2026-11-20T13:03:27.123456789Z", 1_234_567)]
    [InlineData("2026-11-20T14:03:27.5+01:00", 5_000_000)]
    public void Timestamps_WithZeroToNineFractionalDigits_AreRead(string timestamp, long ticksAfterSecond)
    {
        var node = Samples.EntryNode("keep-evicted");
        node["timestamp"] = timestamp;
        node["jsonPayload"]!.AsObject().Remove("lastTimestamp");

        var entry = Decode(node.ToJsonString());

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 13, 3, 27, TimeSpan.Zero).AddTicks(ticksAfterSecond), entry.Event.LastSeen);
    }

    [Fact]
    public void EventsK8sIoShape_UsesEventTimeAndSeries()
    {
        var node = Samples.EntryNode("keep-evicted");
        var payload = node["jsonPayload"]!.AsObject();
        payload.Remove("lastTimestamp");
        payload["eventTime"] = "2026-11-20T09:20:00.000001Z";

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 20, 0, TimeSpan.Zero).AddTicks(10), Decode(node.ToJsonString()).Event.LastSeen);
    }

    [Fact]
    public void UnknownFieldsAndCount_AreTolerated()
    {
        var node = Samples.EntryNode("keep-evicted");
        node["somethingNew"] = new System.Text.Json.Nodes.JsonObject { ["nested"] = 1 };
        node["jsonPayload"]!["count"] = 7;
        node["jsonPayload"]!["firstTimestamp"] = "2026-11-20T09:00:00Z";

        var entry = Decode(node.ToJsonString());

        Assert.Equal(7, entry.Event.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), entry.Event.FirstSeen);
    }

    [Fact]
    public void ExporterStartNotice_IsARestartOfItsCluster_AtTheEntrysTime()
    {
        var result = LogEntryDecoder.Decode(Encoding.UTF8.GetBytes(Samples.Entry("notice-exporter-started")));

        var notice = Assert.IsType<DecodeResult.ExporterStarted>(result);
        Assert.Equal("acme-shop-prod/europe-west1/shop-eu1", notice.Cluster.ToString());
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T06:00:00.104Z", System.Globalization.CultureInfo.InvariantCulture), notice.At);
    }

    [Fact]
    public void OtherTextPayloadEntry_IsNotAnEvent_AndSaysWhatItIs()
    {
        var entry = Samples.EntryNode("notice-exporter-started");
        entry["textPayload"] = "Flushing 12 entries to Cloud Logging";

        var notice = Assert.IsType<DecodeResult.NotAnEvent>(LogEntryDecoder.Decode(Encoding.UTF8.GetBytes(entry.ToJsonString())));
        Assert.Contains("Flushing 12 entries", notice.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "data is not JSON")]
    [InlineData("[1,2]", "not a LogEntry object")]
    [InlineData("{\"a\":1}", "not a LogEntry")]
    [InlineData("{\"logName\":\"x\",\"jsonPayload\":\"text\"}", "not a Kubernetes Event object")]
    [InlineData("{\"logName\":\"x\",\"jsonPayload\":{\"reason\":\"Evicted\"}}", "not a Kubernetes Event")]
    public void Garbage_IsInvalid_WithASpecificReason(string data, string reason)
    {
        var invalid = Assert.IsType<DecodeResult.Invalid>(LogEntryDecoder.Decode(Encoding.UTF8.GetBytes(data)));

        Assert.Contains(reason, invalid.Reason, StringComparison.Ordinal);
    }

    private static EventLogEntry Decode(string json) =>
        Assert.IsType<DecodeResult.EventEntry>(LogEntryDecoder.Decode(Encoding.UTF8.GetBytes(json))).Entry;
}
