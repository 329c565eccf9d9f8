using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Filtering.Query;

namespace GkeEventNotifier.Tests.Filtering.Query;

/// <summary>
/// The pipeline drops an event the filter decides on one reader pass (<see cref="LoggingQuery.SurelyRejects"/>) without
/// its document. That pass must answer exactly as the evaluator over the document, or say it cannot: checked here over
/// every entry the suite builds, variations of them (missing, duplicate, escaped and odd-typed fields, arrays, Unicode,
/// letter case, broken data) and the filters the filter tests use.
/// </summary>
public sealed class QueryPrefilterAgreementTests
{
    /// <summary>The default filter, the queries of the evaluator and regex tests, and some that reach each kind of term.</summary>
    private static readonly string[] Queries =
    [
        DefaultFilter.Text,
        "jsonPayload.reason=Pulled", "jsonPayload.message =~ \"memory\"", "log_id(\"events\") jsonPayload.reason=\"Pulled\"",
        "jsonPayload.reason=\"evicted\"", "jsonPayload.reason=\"Evict\"", "jsonPayload.message:\"LOW ON resource\"", "jsonPayload.reason < \"F\"",
        "jsonPayload.involvedObject.name = \"WEB-5C8D7F9B6-ABCDE\"", "jsonPayload.message:(\"node\" AND \"memory\")", "jsonPayload.message:(\"node\" AND \"disk\")",
        "jsonPayload.message:(node memory)", "jsonPayload.message:(NOT \"disk\")", "jsonPayload.reason=(\"Failed\" OR \"Evicted\")",
        "jsonPayload.involvedObject:\"web-5c8d\"", "protoPayload.methodName:apps.v1", "proto_payload.methodName:deployments",
        "log_name=\"projects/acme-test/logs/cloudaudit.googleapis.com%2Factivity\"", "log_name:events", "logName=\"projects/acme-test/logs/events\"",
        "log_id(\"stdout\")", "log_id(\"EVENTS\")", "log_id(\"cloudaudit.googleapis.com/activity\")",
        "jsonPayload.nearest_store=\"x\"", "jsonPayload.nearest_store!=\"x\"", "NOT jsonPayload.nearest_store=\"x\"", "jsonPayload.nearest_store:*",
        "jsonPayload.nearest_store:* OR jsonPayload.nearest_store=\"\"", "jsonPayload.nearest_store=\"x\" OR NOT jsonPayload.nearest_store=\"x\"",
        "jsonPayload.reason:*", "jsonPayload.eventTime:*", "trace=\"\"", "trace!=\"\"", "trace:*", "httpRequest.status=0", "operation.first=false",
        "jsonPayload.count > 2", "jsonPayload.count = \"3\"", "jsonPayload.count = 3.0", "jsonPayload.count =~ \"3\"", "jsonPayload.ratio < 1",
        "jsonPayload.acknowledged = false", "jsonPayload.acknowledged = \"FALSE\"", "jsonPayload.acknowledged < true",
        "jsonPayload.eventTime = NULL_VALUE", "NOT jsonPayload.eventTime = NULL_VALUE", "jsonPayload.reason != NULL_VALUE", "jsonPayload.reason = NULL_VALUE",
        "jsonPayload.containers.restarts > 3", "jsonPayload.containers.1.name = \"sidecar\"", "jsonPayload.tags = \"beta\"",
        "jsonPayload.tags=\"alpha\" jsonPayload.tags=\"beta\" NOT jsonPayload.tags=\"gamma\"", "labels.\"k8s-pod/app\" = \"web\"",
        "labels.\"compute.googleapis.com/resource_name\":\"node\"", "resource.labels.Cluster_Name = \"blue\"", "resource.labels.cluster_name = \"blue\"",
        "jsonPayload.reason=\"Evicted\" jsonPayload.reason!=\"evicted\"", "jsonPayload.reason=\"Failed\" OR jsonPayload.reason=\"EVICTED\"",
        "severity >= WARNING", "severity = (INFO OR warning)", "timestamp >= \"2026-05-06\"", "receiveTimestamp <= \"2026-05-06T07:08:10Z\"",
        "jsonPayload.message =~ \"^The node\"", "jsonPayload.message !~ \"memory\"", "\"gke-blue-pool\"", "unicorn", "NOT (\"k8s_metadata\" OR \"otelsvc\")",
        "resource.type=\"k8s_pod\"", "resource.type!=\"k8s_node\"", "resource.type:pod", "resource:\"k8s\"", "textPayload:\"Event exporter\"",
        "NOT textPayload:\"x\"", "insertId=\"\"", "insertId>\"a\"", "jsonPayload.involvedObject.namespace:*", "NOT jsonPayload.involvedObject:*",
        "jsonPayload.reason:(\"Pull\" OR \"Evict\")", "jsonPayload.reason>\"M\"", "jsonPayload.message:\"é\"", "jsonPayload.reason=\"ÉVICTED\"",
        "jsonPayload.reason=\"évicted\" OR jsonPayload.reason=\"PULLED\"", "jsonPayload.involvedObject.kind=(\"Pod\" AND NOT \"Node\")",
        "resource.labels.cluster_name:* resource.labels.project_id!=\"\"", "jsonPayload.eventTime!=NULL_VALUE", "jsonPayload.reason=\"Pulled\" OR \"unicorn\"",
        "jsonPayload.metadata.managedFields.manager=\"kubelet\"", "jsonPayload.source.component=\"kubelet\"", "protoPayload.Foo=\"x\"",
        "jsonPayload.involvedObject=\"x\"", "jsonPayload.involvedObject!=\"x\"", "jsonPayload.involvedObject:*", "jsonPayload=\"x\" OR jsonPayload.type=Normal",
        "-jsonPayload.reason=Pulled -jsonPayload.type=Normal", "jsonPayload.reason=Pulled AND jsonPayload.message:\"already present\"",
        "jsonPayload.count=1", "jsonPayload.reason=\"\"", "jsonPayload.reason:\"\"", "NOT jsonPayload.reason<=\"Pulled\"",
    ];

    /// <summary>Non-ASCII text stays raw UTF-8 (the default encoder would escape it).</summary>
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[][] VariedPaths =
    [
        ["jsonPayload", "reason"], ["jsonPayload", "message"], ["jsonPayload", "type"], ["jsonPayload", "involvedObject", "kind"],
        ["jsonPayload", "involvedObject", "namespace"], ["jsonPayload", "involvedObject"], ["jsonPayload"], ["jsonPayload", "eventTime"],
        ["resource", "type"], ["resource"], ["resource", "labels"], ["resource", "labels", "cluster_name"], ["resource", "labels", "project_id"],
        ["logName"], ["timestamp"], ["receiveTimestamp"], ["textPayload"], ["insertId"], ["labels"],
    ];

    private static readonly Func<JsonNode?>[] OddValues =
    [
        () => 3, () => 2.5, () => true, () => false, () => null, () => "", () => "PULLED", () => "pulled", () => "Pulled", () => "Evicted",
        () => "Évicted", () => "EVİCTED", () => "Node", () => "Successfully pulled image \"x\" 🙂", () => "Node condition Ready is now: True",
        () => "k8s_pod", () => "projects/p/logs/events", () => "projects/p/logs/EVENTS", () => "projects/p/logs/cloudaudit.googleapis.com%2Factivity",
        () => "2026-11-20T11:20:00+02:00", () => "not a time", () => new JsonArray(), () => new JsonArray("Pulled"),
        () => new JsonArray(new JsonObject { ["kind"] = "Node", ["cluster_name"] = "x" }), () => new JsonObject { ["kind"] = "Node", ["reason"] = "Pulled" },
        () => new JsonObject(),
    ];

    [Fact]
    public void OnePassOverTheBytes_DecidesAsTheEvaluatorOverTheDocument_OrLeavesItToIt()
    {
        var queries = Queries.Select(LoggingQuery.Parse).ToList();
        var disagreements = new List<string>();
        var decided = new int[3];
        foreach (var entry in Entries())
        {
            using var full = ParsedLogEntry.Parse(entry);
            var isEvent = full.Final is null;
            foreach (var query in queries)
            {
                using var scanned = ParsedLogEntry.Parse(entry);
                var truth = query.Prejudge(scanned);
                decided[(int)truth]++;
                if (truth == Truth.Unknown)
                {
                    continue;
                }

                var expected = isEvent && query.Matches(full.Root);
                if (!isEvent || truth != Truths.Of(expected) || scanned.Cluster != full.Cluster || scanned.Timestamp != full.Timestamp)
                {
                    disagreements.Add($"{query.Text[..Math.Min(60, query.Text.Length)]} on {Encoding.UTF8.GetString(entry.Span)[..Math.Min(300, entry.Length)]}: pass {truth} ({scanned.Cluster}, {scanned.Timestamp:o}), document {(isEvent ? expected : "no event")} ({(isEvent ? full.Cluster : null)}, {(isEvent ? full.Timestamp : null):o})");
                }
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements, first: {string.Join("\n", disagreements.Take(5))}");
        Assert.True(decided[(int)Truth.False] > 100_000 && decided[(int)Truth.True] > 50_000, $"decided False {decided[0]}, True {decided[1]}, Unknown {decided[2]} times");
    }

    [Fact]
    public void DefaultFilter_DropsTheRoutineEventsOfTheSamplesWithoutTheirDocument()
    {
        var query = LoggingQuery.Parse(DefaultFilter.Text);
        foreach (var name in new[] { "drop-normal-pulled", "drop-triggeredscaleup", "drop-warning-other-reason", "drop-scaledown-kube-system", "drop-failed-not-registered" })
        {
            using var entry = ParsedLogEntry.Parse(Encoding.UTF8.GetBytes(Samples.Entry(name)));
            Assert.True(query.SurelyRejects(entry), name);
        }

        foreach (var name in Samples.EntryNames("keep-"))
        {
            using var entry = ParsedLogEntry.Parse(Encoding.UTF8.GetBytes(Samples.Entry(name)));
            Assert.False(query.SurelyRejects(entry), name);
        }
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Entries()
    {
        var bases = BaseEntries().ToList();
        foreach (var (entry, vary) in bases)
        {
            foreach (var text in TextVariations(entry.ToJsonString(Raw)))
            {
                yield return text;
            }

            if (!vary)
            {
                continue;
            }

            foreach (var path in VariedPaths)
            {
                yield return Encode(With(entry, path, remove: true, null));
                foreach (var value in OddValues)
                {
                    yield return Encode(With(entry, path, remove: false, value()));
                }
            }
        }
    }

    /// <summary>Every sample entry and export line, and the entries the test builders make; the first few are varied field by field.</summary>
    private static IEnumerable<(JsonObject Entry, bool Vary)> BaseEntries()
    {
        string[] varied = ["drop-normal-pulled", "keep-evicted", "keep-node-condition-true", "keep-pulled-successfully", "notice-exporter-started", "keep-sawcompletedjob-complete"];
        foreach (var name in varied)
        {
            yield return (Samples.EntryNode(name), true);
        }

        yield return (JsonNode.Parse(LogEntryFixtures.Event().GetRawText())!.AsObject(), true);
        foreach (var name in Samples.EntryNames("").Except(varied))
        {
            yield return (Samples.EntryNode(name), false);
        }

        foreach (var export in new[] { "gke-events-export.json", "node-problems-export.json" })
        {
            foreach (var item in JsonNode.Parse(File.ReadAllText(Samples.Path_(export)))!.AsArray())
            {
                yield return (item!.AsObject(), false);
            }
        }

        foreach (var line in File.ReadLines(Samples.Path_("gke-events.jsonl")).Where(l => l.Length > 0))
        {
            yield return (JsonNode.Parse(line)!.AsObject(), false);
        }

        var at = TestEntries.Start;
        JsonObject[] built =
        [
            TestEntries.Evicted(), TestEntries.NodeEvent("KernelOops", "kernel: BUG"), TestEntries.NodeEvent("Shutdown", "detected shutdown event", kind: "Pod"),
            TestEntries.JobFailed(0), TestEntries.CronJobSawCompleted(0), TestEntries.CronJobSawCompleted(1, "Failed"),
            TestEntries.CrashLoop(TestEntries.CartPod(0), at), TestEntries.PullFailed(TestEntries.CartPod(1), at), TestEntries.PullBackOff(TestEntries.CartPod(2), at),
            TestEntries.Pulled(TestEntries.CartPod(3), at), TestEntries.AlreadyPresent(TestEntries.CartPod(4), at), TestEntries.LivenessKill(TestEntries.CartPod(5), at),
            TestEntries.FailedScheduling(TestEntries.CartPod(6), at), TestEntries.UnboundClaim(TestEntries.CartPod(7), at), TestEntries.NoScaleUp(TestEntries.CartPod(8), at),
            TestEntries.ScaleUp(TestEntries.CartPod(9), at), TestEntries.Scheduled(TestEntries.CartPod(10), at), TestEntries.MountTimeout(TestEntries.CartPod(11), at),
            TestEntries.MultiAttach(TestEntries.CartPod(12), at), TestEntries.Attached(TestEntries.CartPod(13), at), TestEntries.OnReplicaSet("keep-failedcreate-quota", at),
        ];
        foreach (var entry in built)
        {
            yield return (entry, false);
        }
    }

    /// <summary>The entry as written, every string escaped, keys duplicated or in other letter case, and broken in ways only the document's parse names.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> TextVariations(string json)
    {
        yield return Encoding.UTF8.GetBytes(json);
        yield return Encoding.UTF8.GetBytes(EscapeEverything(JsonNode.Parse(json)));
        foreach (var (find, replace) in new[]
        {
            ("\"jsonPayload\":{", "\"jsonPayload\":{\"reason\":\"Evicted\","), ("\"jsonPayload\":{", "\"jsonPayload\":{\"reason\":\"Pulled\","),
            ("\"jsonPayload\":{", "\"jsonPayload\":{\"involvedObject\":{\"kind\":\"Node\"},"), ("{\"insertId\"", "{\"jsonPayload\":{},\"insertId\""),
            ("\"resource\":{", "\"resource\":{\"type\":\"k8s_node\","), ("\"labels\":{", "\"labels\":{\"cluster_name\":\"other\","),
            ("\"reason\":", "\"Reason\":"), ("\"jsonPayload\":", "\"JSONPAYLOAD\":"), ("\"logName\":", "\"log_name\":"), ("\"reason\":\"", "\"reason\":\"\\u0045"),
            ("\"reason\":", "\"reas\\u006fn\":"), ("\"message\":\"", "\"message\":\"\\ud800"), ("\"message\":\"", "\"message\":\"\\ud83d\\ude42 \\u00e9"),
            ("\"jsonPayload\":{", "\"jsonPayload\":{\"deep\":" + new string('[', 130) + new string(']', 130) + ","),
            ("\"jsonPayload\":{", "\"jsonPayload\":{\"deep\":" + new string('[', 120) + new string(']', 120) + ","),
            ("\"jsonPayload\":{", "\"jsonPayload\":{/* note */"), ("\"jsonPayload\":{", "\"jsonPayload\":{\"a\":1,,"),
        })
        {
            var at = json.IndexOf(find, StringComparison.Ordinal);
            if (at >= 0)
            {
                yield return Encoding.UTF8.GetBytes(string.Concat(json.AsSpan(0, at), replace, json.AsSpan(at + find.Length)));
            }
        }

        yield return Encoding.UTF8.GetBytes(json + " x");
        yield return Encoding.UTF8.GetBytes(json + " \n ");
        yield return Encoding.UTF8.GetBytes(json[..(json.Length / 2)]);
        yield return Encoding.UTF8.GetBytes("[" + json + "]");
        yield return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray();
        var message = json.IndexOf("\"message\":\"", StringComparison.Ordinal);
        if (message >= 0)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            bytes[Encoding.UTF8.GetByteCount(json.AsSpan(0, message)) + 11] = 0xC3; // a lead byte without its continuation
            yield return bytes;
        }
    }

    private static JsonObject With(JsonObject entry, string[] path, bool remove, JsonNode? value)
    {
        var copy = entry.DeepClone().AsObject();
        JsonNode? node = copy;
        foreach (var segment in path[..^1])
        {
            node = node is JsonObject parent ? parent[segment] : null;
        }

        if (node is JsonObject target)
        {
            if (remove)
            {
                target.Remove(path[^1]);
            }
            else
            {
                target[path[^1]] = value;
            }
        }

        return copy;
    }

    private static ReadOnlyMemory<byte> Encode(JsonObject entry) => Encoding.UTF8.GetBytes(entry.ToJsonString(Raw));

    /// <summary>The same JSON with every character of every key and string written as a \u escape.</summary>
    private static string EscapeEverything(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Select(p => Escaped(p.Key) + ":" + EscapeEverything(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(EscapeEverything)) + "]",
        JsonValue v when v.TryGetValue<string>(out var text) => Escaped(text),
        null => "null",
        _ => node.ToJsonString(),
    };

    private static string Escaped(string text) => "\"" + string.Concat(text.Select(c => $"\\u{(int)c:x4}")) + "\"";
}
