using System.Text;
using System.Text.Json;
using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Filtering.Query;

namespace GkeEventNotifier.Tests.Filtering.Query;

/// <summary>
/// Seeded random inputs (reproducible: the seed is in each test). The parser may only ever throw its syntax error;
/// evaluation and explanation never throw and always agree; printing a query and parsing it again changes nothing.
/// </summary>
public sealed class QueryFuzzTests
{
    private static readonly string[] Pieces =
    [
        "jsonPayload", "resource", "type", "labels", "severity", "timestamp", "logName", "httpRequest", "latency", "status",
        ".", ".", "\"", "\"k8s-pod/app\"", "(", ")", "(", ")", " ", " ", " ", "\n", "-- note\n", "-", ":", ":*", "=", "!=", "<", "<=",
        ">", ">=", "=~", "!~", "AND", "OR", "NOT", "and", "ERROR", "3", "-2.5e3", "NULL_VALUE", "log_id(", "sample(", ",", "*",
        "\\", "'", "~", "!", "\"Evicted\"", "\"(a+)+$\"", "\"[[:digit:]]\"", "\"\\x4\"", "\"\\u00e9\"", "\"2026-01-02\"", "é", "\u0000",
        "involvedObject", "message", "reason", "0", "1",
    ];

    private static readonly string[] Fields =
    [
        "jsonPayload.reason", "jsonPayload.message", "jsonPayload.count", "jsonPayload.ratio", "jsonPayload.acknowledged",
        "jsonPayload.eventTime", "jsonPayload.containers.restarts", "jsonPayload.containers.0.name", "jsonPayload.tags",
        "jsonPayload.involvedObject", "labels.\"k8s-pod/app\"", "resource.type", "resource.labels.cluster_name", "logName",
        "insertId", "trace", "textPayload", "httpRequest.status",
    ];

    private static readonly string[] Operators = ["=", "!=", "<", "<=", ">", ">=", ":", "=~", "!~"];

    private static readonly string[] Values = ["\"Evicted\"", "evicted", "3", "-1.5", "true", "NULL_VALUE", "\"node\"", "\"^The\"", "\"(?i)MEMORY\"", "\"web\"", "\"\""];

    [Fact]
    public void RandomText_EitherParsesOrIsASyntaxError()
    {
        var random = new Random(20260305);
        var parsed = 0;
        for (var i = 0; i < 4000; i++)
        {
            var text = RandomText(random);
            LoggingQuery query;
            try
            {
                query = LoggingQuery.Parse(text);
            }
            catch (QuerySyntaxException e)
            {
                Assert.True(e.Position.Line >= 1 && e.Position.Column >= 1, text);
                continue;
            }

            parsed++;
            AssertBehaves(query, text, random);
        }

        Assert.True(parsed > 100, $"only {parsed} random texts parsed: the generator no longer exercises evaluation");
    }

    [Fact]
    public void GeneratedQueries_EvaluateWithoutThrowing_AndRoundTrip()
    {
        var random = new Random(7);
        var parsed = 0;
        for (var i = 0; i < 800; i++)
        {
            var text = RandomQuery(random, depth: 0);
            LoggingQuery query;
            try
            {
                query = LoggingQuery.Parse(text);
            }
            catch (QuerySyntaxException)
            {
                continue; // e.g. a regular expression on a non-string field: a correct rejection.
            }

            parsed++;
            AssertBehaves(query, text, random);
        }

        Assert.True(parsed > 400, $"only {parsed} of 800 generated queries parsed: the generator no longer exercises evaluation");
    }

    [Fact]
    public void DefaultFilter_NeverThrows_OnEntriesOfAnyShape()
    {
        var query = LoggingQuery.Parse(DefaultFilter.Text);
        var random = new Random(42);
        for (var i = 0; i < 1500; i++)
        {
            var entry = RandomEntry(random);
            Assert.Equal(query.Matches(entry), query.Explain(entry).Matched);
        }
    }

    private static void AssertBehaves(LoggingQuery query, string text, Random random)
    {
        var canonical = query.ToString();
        Assert.Equal(canonical, LoggingQuery.Parse(canonical).ToString());
        Assert.Equal(canonical, LoggingQuery.Parse(query.ToMultilineString()).ToString());
        foreach (var entry in new[] { LogEntryFixtures.Event(), RandomEntry(random), default })
        {
            Assert.True(query.Matches(entry) == query.Explain(entry).Matched, text);
        }
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        var count = random.Next(1, 14);
        for (var i = 0; i < count; i++)
        {
            text.Append(random.Next(10) == 0 ? (char)random.Next(32, 127) : Pieces[random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }

    private static string RandomQuery(Random random, int depth)
    {
        var choice = random.Next(depth > 3 ? 4 : 8);
        return choice switch
        {
            0 or 1 => $"{Pick(random, Fields)}{Pick(random, Operators)}{Pick(random, Values)}",
            2 => $"{Pick(random, Fields)}:*",
            3 => $"{Pick(random, Fields)}{Pick(random, Operators)}({Pick(random, Values)} OR {Pick(random, Values)})",
            4 => $"NOT {RandomQuery(random, depth + 1)}",
            5 => $"({RandomQuery(random, depth + 1)} OR {RandomQuery(random, depth + 1)})",
            6 => $"{RandomQuery(random, depth + 1)} AND -{RandomQuery(random, depth + 1)}",
            _ => $"{RandomQuery(random, depth + 1)}\n{Pick(random, Values)}",
        };
    }

    /// <summary>A LogEntry whose fields hold values of random JSON types: strings, numbers, nulls, arrays, objects.</summary>
    private static JsonElement RandomEntry(Random random)
    {
        string Value(int depth) => random.Next(depth > 2 ? 5 : 8) switch
        {
            0 => "null",
            1 => "42",
            2 => "true",
            3 => JsonSerializer.Serialize(Pick(random, ["Evicted", "events", "k8s_pod", "ERROR", "2026-01-01T00:00:00Z", "0.5s", "", "é\"\\"])),
            4 => "\"projects/p/logs/events\"",
            5 => $"[{Value(depth + 1)}, {Value(depth + 1)}]",
            _ => $"{{\"reason\": {Value(depth + 1)}, \"message\": {Value(depth + 1)}, \"kind\": {Value(depth + 1)}}}",
        };

        var json = $$$"""
            {"logName": {{{Value(0)}}}, "severity": {{{Value(0)}}}, "timestamp": {{{Value(0)}}}, "resource": {{{Value(0)}}},
             "jsonPayload": {{{Value(0)}}}, "labels": {{{Value(0)}}}, "httpRequest": {"latency": {{{Value(2)}}}, "status": {{{Value(2)}}} } }
            """;
        return LogEntryFixtures.Parse(json);
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
