using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.BlindSpots;
using GkeEventNotifier.Stages.Delivery.CronJobs;
using GkeEventNotifier.Stages.Delivery.Incidents;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Rendering;
using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Tests.Slack;

/// <summary>
/// What Slack receives is the same bytes as the source-generated serializer gave: <see cref="SlackMessageJson"/> writes
/// every message the product renders (each sample's alert, with repeats and findings, in each shape delivery gives it:
/// first, reply, rewritten parent, counted, recovery, incident, summary, listing, notice, plain text, marked) and
/// hostile, long, escaped and non-ASCII text byte for byte as <see cref="SlackJsonContext"/> does.
/// </summary>
public sealed class SlackMessageJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 14, 3, TimeSpan.Zero);

    private static readonly string[] HostileTexts =
    [
        "", "<!channel> & <https://evil.example|click> @here", "\u202Eevil\u200B\u0000name\u00AD\uFEFF", "tab\tline\r\nbreak\\ \"quoted\" 'single' `tick`",
        "🙂 emoji, 中文, ١٢٣٤, é, ü, \u0085 next line", "```fenced``` *bold* _it_ ~strike~ +plus+ </script>", new string('x', 5000),
        string.Concat(Enumerable.Repeat("&<>🙂\u202E", 900)), "a\u2028b\u2029c\u007Fd",
    ];

    public static TheoryData<string> SampleNames() => new(Samples.EntryNames("keep-").Concat(Samples.EntryNames("drop-")).Select(name => name!));

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void EveryShapeOfEverySamplesAlert_IsWrittenAsTheSerializerWritesIt(string sample)
    {
        var alert = TestAlerts.From(sample);
        foreach (var message in Shapes(alert).Concat(Shapes(alert with { Occurrences = 7, Findings = Findings(3) })))
        {
            AssertSameBytes(message);
        }
    }

    [Fact]
    public void HostileLongAndNonAsciiText_IsWrittenAsTheSerializerWritesIt()
    {
        foreach (var text in HostileTexts)
        {
            var alert = TestAlerts.From("keep-evicted", node =>
            {
                node["jsonPayload"]!["message"] = text;
                node["jsonPayload"]!["reason"] = "Evicted" + text[..Math.Min(text.Length, 40)];
                node["jsonPayload"]!["involvedObject"]!["name"] = "pod-" + text[..Math.Min(text.Length, 60)];
            }) with { Findings = [new Finding(text, [new FindingField(text, text)], [text, text])] };
            foreach (var message in Shapes(alert))
            {
                AssertSameBytes(message);
            }

            AssertSameBytes(new SlackMessage { Text = text, Channel = text, ThreadTs = text, Ts = text, Metadata = SlackMetadata.MarkOnly(text) });
        }
    }

    [Fact]
    public void FindingsBeyondSlacksBlockLimit_AreWrittenAsTheSerializerWritesThem()
    {
        var alert = TestAlerts.From("keep-oomkilling") with { Findings = Findings(60) };
        foreach (var message in Shapes(alert))
        {
            AssertSameBytes(message);
        }
    }

    [Fact]
    public void EveryBlockKindAndEveryOmittedValue_IsWrittenAsTheSerializerWritesIt()
    {
        var blocks = new List<SlackBlock>
        {
            new HeaderBlock(TextObject.Plain("header")),
            new SectionBlock(),
            new SectionBlock { Text = TextObject.Markdown("text only") },
            new SectionBlock { Fields = [] },
            new SectionBlock { Text = new TextObject { Type = "mrkdwn", Text = "neither verbatim nor emoji" }, Fields = [TextObject.Plain("a"), TextObject.Markdown("b")] },
            new ContextBlock([]),
            new ContextBlock([TextObject.Markdown("one"), new TextObject { Type = "plain_text", Text = "two", Verbatim = false, Emoji = true }]),
            new ActionsBlock([new ButtonElement(TextObject.Plain("Open"), "https://console.cloud.google.com/logs/query;query=a%3D%22b%22?project=p", "open") { Type = "button" }]),
            new DividerBlock(),
        };
        AssertSameBytes(new SlackMessage { Text = "t", Attachments = [new SlackAttachment("#D93F0B", "f", blocks)], UnfurlLinks = true, UnfurlMedia = true });
        AssertSameBytes(new SlackMessage { Text = "t", Attachments = [] });
        AssertSameBytes(new SlackMessage { Text = "t", Attachments = [new SlackAttachment("#000000", "f", [])] });
        AssertSameBytes(new SlackMessage { Text = "t", Metadata = new SlackMetadata("gke_event_x", new Dictionary<string, string>()) });
        AssertSameBytes(new SlackMessage
        {
            Text = "t",
            Metadata = new SlackMetadata("gke_event_x", new Dictionary<string, string> { ["b"] = "2", ["a\"<&>"] = "🙂\u202E", [""] = "" }).Marked("mark"),
            Mark = "not sent",
            EarlierAttemptSince = At,
            Unmarked = true,
        });
    }

    [Fact]
    public void AWriterWithAnotherEncoder_EscapesAsTheSerializerDoesWithIt()
    {
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        foreach (var message in Shapes(TestAlerts.From("keep-evicted", node => node["jsonPayload"]!["message"] = HostileTexts[1] + HostileTexts[4])))
        {
            Assert.Equal(Serialized(message, options), Written(message, options));
        }
    }

    [Fact]
    public async Task RequestBody_IsTheBytesAsJsonUtf8()
    {
        var message = TestAlerts.Message("<!channel> 🙂");
        using var content = SlackMessageJson.Content(message);

        Assert.Equal("application/json; charset=utf-8", content.Headers.ContentType!.ToString());
        Assert.Equal(Serialized(message, default), Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync()));
    }

    /// <summary>Every message delivery makes of one alert.</summary>
    private static IEnumerable<SlackMessage> Shapes(Alert alert)
    {
        var bot = new Receiver("team", new NoSlack(), "C0FAKE", "<!subteam^S0FAKE>", CanThread: true);
        var webhook = new Receiver("hook", new NoSlack(), null, null, CanThread: false);
        var key = new GroupKey(alert.Entry.Cluster.ToString(), "shop", new WorkloadRef("Deployment", "checkout-api"), alert.Entry.Event.Reason);
        var state = GroupState.Start(key.Id, alert.Entry.Event.InvolvedObject.Name, alert.Entry.NodeName, At)
            .Add("other-pod-<&>", "node-1", At.AddMinutes(3)) with { Channel = "C0FAKE", Ts = "1732093443.000100" };
        var incident = new Incident("team", "crash loop", new IncidentSubject(alert.Entry.Cluster, "shop", key.Workload), state, At.AddMinutes(10));
        var rendered = AlertRenderer.Render(alert);

        yield return rendered;
        yield return rendered.AsPlainText();
        yield return rendered.AsPlainText(metadataRefused: true);
        yield return rendered with { Metadata = SlackMetadata.MarkOnly("0123456789abcdef0123456789abcdef") };
        yield return GroupRenderer.First(alert, bot, state);
        yield return GroupRenderer.First(alert, webhook, state);
        yield return GroupRenderer.Reply(alert, bot, state);
        yield return GroupRenderer.Parent(alert, key, state);
        yield return GroupRenderer.Counted(alert, key, state);
        yield return GroupRenderer.BurstNotice(alert, bot, key, state, 10);
        yield return RecoveryRenderer.Failure(alert, bot, state, first: true);
        yield return RecoveryRenderer.Failure(alert, bot, state, first: false);
        yield return RecoveryRenderer.RecoveryReply(bot, state, RecoveryRenderer.Recovered("CronJob shop/export", alert.Entry.Cluster, TimeSpan.FromHours(5), 5), "export-29376540");
        yield return RecoveryRenderer.Resolved(state, "CronJob shop/export <&> recovered", alert.Entry.Cluster, "shop", LogsExplorerLink.ForRun(alert.Entry.Cluster, "shop", "export-1", At));
        yield return IncidentRenderer.Opened(alert, bot, incident, IncidentWording.Default, "Back-off <restarting>", TimeSpan.FromMinutes(12));
        yield return IncidentRenderer.Joined(alert, bot, incident, IncidentWording.Default);
        yield return IncidentRenderer.Reopened(alert, bot, incident, TimeSpan.FromMinutes(30));
        yield return IncidentRenderer.Counted(alert, webhook, incident, IncidentWording.Default);
        yield return IncidentRenderer.Parent(alert, incident, IncidentWording.Default);
        yield return IncidentRenderer.Reply(bot, incident, "recovered <&>");
        yield return IncidentRenderer.Resolved(incident, "recovered");
        var many = Enumerable.Range(0, BurstSummaryRenderer.MaxObjectLines + 5).Select(i => alert with { Occurrences = i + 1 }).ToList();
        yield return BurstSummaryRenderer.Render(many, TimeSpan.FromSeconds(7));
        yield return BurstSummaryRenderer.Render(many, TimeSpan.FromSeconds(7), threaded: false);
        foreach (var listing in BurstSummaryRenderer.Listing(many, "1732093443.000100"))
        {
            yield return listing;
        }

        yield return BlindSpotRenderer.Notice(alert.Entry.Cluster, At.AddHours(-2), At);
        yield return BlindSpotRenderer.Notice(alert.Entry.Cluster, null, At);
    }

    private static List<Finding> Findings(int count) =>
        Enumerable.Range(1, count).Select(i => new Finding(
            $"Finding {i} <&>",
            Enumerable.Range(1, 12).Select(f => new FindingField($"Field {f}", $"value {f} 🙂 <x>")).ToList(),
            i % 2 == 0 ? [] : [$"note {i}", "second note *bold*"])).ToList();

    private static void AssertSameBytes(SlackMessage message) =>
        Assert.Equal(Serialized(message, default), Written(message, default));

    private static string Serialized(SlackMessage message, JsonWriterOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            JsonSerializer.Serialize(writer, message, SlackJsonContext.Default.SlackMessage);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Written(SlackMessage message, JsonWriterOptions options)
    {
        if (options.Encoder is null)
        {
            return Encoding.UTF8.GetString(SlackMessageJson.ToUtf8Bytes(message));
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            SlackMessageJson.Write(writer, message);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Receivers need a client; rendering never calls it.</summary>
    private sealed class NoSlack : ISlackClient
    {
        public bool IsConnected => false;

        public Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SlackPostResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<SlackHistoryMessage>> HistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
