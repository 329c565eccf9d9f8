using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Stages.Enrichment.Oom;
using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Rendering;
using Xunit.Abstractions;

namespace GkeEventNotifier.Tests.Security;

/// <summary>
/// Property: whatever a LogEntry holds, decode → filter → OOM parse → render → Slack JSON ends in a result, never an
/// exception, and the JSON the Slack clients send is byte for byte the source-generated serializer's. The cases are
/// mutations of the repository's real-shaped sample entries: a field replaced by a hostile value (edge timestamps, huge
/// or odd numbers, controls, bidi, surrogate escapes, paths, long text, other JSON kinds), a field removed, or the
/// bytes themselves damaged. Seeded, so a failure names the case that reproduces it.
/// </summary>
public sealed class EntryFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 100_000;
    private const int Seed = 20261129;

    private static readonly string[] HostileStrings =
    [
        "", " ", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-13-45T25:61:61Z", "2026-11-20T13:03:27.1234567890123Z",
        "../../../../api/v1/pods?limit=1000000&x=", "%2e%2e", "..", "a/b", "gke_p_l_c", "<!channel> @here <https://x|y>",
        "\u202Eevil\u200B\u0000name", "\t\r\n", "🙂🙂", "١٢٣٤", "-1", "2147483648", "99999999999999999999",
        "Memory cgroup out of memory: Killed process 99999999999 (java) total-vm:1kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:1kB oom_score_adj:1000",
        "Killed process ١٢٣ (py) total-vm:1kB", "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/kubepods/burstable/pod../x,task_memcg=/kubepods/pod%2e%2e/,task=a,pid=-5,uid=0",
        "(combined from similar events): Killed process 1 (",
        "Warning", "Normal", "OOMKilling", "Evicted", "BackoffLimitExceeded", "Failed", "ScaleDown", "SawCompletedJob",
    ];

    [Fact]
    public void MutatedEntries_NeverThrow_FromDecodeThroughFilterToSlackJson()
    {
        var seeds = Samples.EntryNames("").Select(name => Samples.Entry(name!)).ToArray();
        var filter = QueryEventFilter.Create(new EventFilterOptions());
        var random = new Random(Seed);
        var tally = new Dictionary<string, int>();
        var failures = new List<string>();

        for (var i = 0; i < Cases && failures.Count < 5; i++)
        {
            var data = Mutate(seeds[random.Next(seeds.Length)], random);
            try
            {
                var outcome = RunOne(data, filter);
                tally[outcome] = tally.GetValueOrDefault(outcome) + 1;
            }
            catch (Exception e)
            {
                failures.Add($"case {i} (seed {Seed}): {e.GetType().Name}: {e.Message}\n  data: {Encoding.UTF8.GetString(data)[..Math.Min(data.Length, 600)]}");
            }
        }

        output.WriteLine(string.Join(", ", tally.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.Empty(failures);
        // The property says something only if the cases reach every stage: most decode to events, many pass the
        // default filter and are rendered, and some are refused as poison.
        Assert.True(tally.GetValueOrDefault("rendered-kept") > Cases / 10, "too few mutated entries passed the filter");
        Assert.True(tally.GetValueOrDefault("rendered-dropped") > Cases / 10, "too few mutated entries were dropped by the filter");
        Assert.True(tally.GetValueOrDefault("invalid") > Cases / 50, "too few mutations made poison");
    }

    /// <summary>One entry through every stage that reads event text; the outcome name for the tally.</summary>
    private static string RunOne(byte[] data, QueryEventFilter filter)
    {
        switch (LogEntryDecoder.Decode(data))
        {
            case DecodeResult.Invalid:
                return "invalid";
            case DecodeResult.NotAnEvent:
                return "not-an-event";
            case DecodeResult.ExporterStarted(_, var cluster, var at, var raw):
                _ = filter.Matches(raw);
                AssertSlackJson(GkeEventNotifier.Stages.Delivery.BlindSpots.BlindSpotRenderer.Notice(cluster, null, at));

                return "not-an-event";
            case DecodeResult.EventEntry(var entry):
                var kept = filter.Matches(entry.Raw);
                var kill = OomMessageParser.Parse(entry.Event.Message);
                var alert = new Alert(entry, [OomFindings.Unresolved(kill, entry.NodeName, "fuzz")]) { Occurrences = 3 };
                AssertSlackJson(AlertRenderer.Render(alert));

                return kept ? "rendered-kept" : "rendered-dropped";
            default:
                throw new InvalidOperationException("unknown decode result");
        }
    }

    /// <summary>The bytes the Slack clients send are the source-generated serializer's, whatever the event held.</summary>
    private static void AssertSlackJson(GkeEventNotifier.Model.Slack.SlackMessage message)
    {
        var sent = SlackMessageJson.ToUtf8Bytes(message);
        if (!sent.AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(message, SlackJsonContext.Default.SlackMessage)))
        {
            throw new InvalidOperationException("the Slack clients' JSON differs from the source-generated serializer's");
        }
    }

    private static byte[] Mutate(string json, Random random)
    {
        var roll = random.Next(100);
        if (roll < 70)
        {
            return Encoding.UTF8.GetBytes(ReplaceOrRemoveField(json, random));
        }

        if (roll < 80)
        {
            return Encoding.UTF8.GetBytes(InsertIntoString(json, random));
        }

        return DamageBytes(Encoding.UTF8.GetBytes(json), random);
    }

    /// <summary>A valid JSON entry with one value (any depth) replaced by a hostile one, or removed.</summary>
    private static string ReplaceOrRemoveField(string json, Random random)
    {
        var root = JsonNode.Parse(json)!;
        var slots = new List<(JsonNode Parent, object Key)>();
        Collect(root, slots);
        for (var n = random.Next(1, 4); n > 0 && slots.Count > 0; n--)
        {
            var (parent, key) = slots[random.Next(slots.Count)];
            var remove = random.Next(6) == 0;
            switch (parent, key)
            {
                case (JsonObject o, string name) when remove:
                    o.Remove(name);
                    break;
                case (JsonObject o, string name):
                    o[name] = HostileValue(random);
                    break;
                case (JsonArray a, int index) when index < a.Count:
                    a[index] = HostileValue(random);
                    break;
            }

            slots.Clear();
            Collect(root, slots);
        }

        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    slots.Add((o, name));
                    if (value is not null)
                    {
                        Collect(value, slots);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, i));
                    if (a[i] is { } item)
                    {
                        Collect(item, slots);
                    }
                }

                break;
        }
    }

    private static JsonNode? HostileValue(Random random) => random.Next(10) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(3) switch { 0 => double.MaxValue, 1 => -0.0, _ => 1e-300 }),
        2 => JsonValue.Create(random.Next(2) == 0 ? long.MaxValue : long.MinValue),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => new JsonObject { ["x"] = new JsonArray(1, "a", null) },
        5 => new JsonArray(HostileStrings[random.Next(HostileStrings.Length)], 7),
        6 => JsonValue.Create(new string((char)random.Next(0x20, 0x7f), random.Next(50) == 0 ? 250_000 : random.Next(1, 2_000))),
        _ => JsonValue.Create(HostileStrings[random.Next(HostileStrings.Length)]),
    };

    /// <summary>Escapes JSON allows but text may not survive: lone surrogates, NUL, a bidi override, inside a string.</summary>
    private static string InsertIntoString(string json, Random random)
    {
        string[] escapes = [@"\ud800", @"\udfff", @"\u0000", @"\u202e", @"\ud83d\ude00", @"\\", "\\\""];
        var quotes = Enumerable.Range(0, json.Length).Where(i => json[i] == '"').ToArray();
        var at = quotes[random.Next(quotes.Length)] + 1;
        return json.Insert(at, escapes[random.Next(escapes.Length)]);
    }

    /// <summary>Bytes flipped, cut, or inserted (including bytes that are not UTF-8).</summary>
    private static byte[] DamageBytes(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        for (var n = random.Next(1, 4); n > 0 && list.Count > 0; n--)
        {
            var at = random.Next(list.Count);
            switch (random.Next(3))
            {
                case 0:
                    list[at] = (byte)random.Next(256);
                    break;
                case 1:
                    list.RemoveRange(at, Math.Min(random.Next(1, 16), list.Count - at));
                    break;
                default:
                    list.Insert(at, (byte)random.Next(0x80, 0x100));
                    break;
            }
        }

        return [.. list];
    }
}
