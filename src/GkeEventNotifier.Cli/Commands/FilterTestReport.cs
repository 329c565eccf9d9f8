using System.Text.Json;
using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Filtering.Query;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>What <c>gke-events filter test</c> prints: one line per entry, and on request one entry's explanation.</summary>
internal sealed class FilterTestReport(LoggingQuery query, TextWriter output)
{
    public FilterTestTally WriteEntries(IReadOnlyList<ExportedEntry> entries)
    {
        var tally = new FilterTestTally();
        foreach (var entry in entries)
        {
            if (!entry.IsValid)
            {
                tally.Unreadable++;
                output.WriteLine($"unreadable #{entry.Number,-3} {entry.Error}");
                continue;
            }

            using var document = JsonDocument.Parse(entry.Json);
            var matched = query.Matches(document.RootElement);
            tally.Matched += matched ? 1 : 0;
            tally.Dropped += matched ? 0 : 1;
            output.WriteLine($"{(matched ? "match" : "no match"),-10} #{entry.Number,-3} {Describe(document.RootElement)}");
        }

        return tally;
    }

    public void WriteExplanation(ExportedEntry entry)
    {
        output.WriteLine();
        if (!entry.IsValid)
        {
            output.WriteLine($"Entry #{entry.Number} cannot be read: {entry.Error}");
            return;
        }

        using var document = JsonDocument.Parse(entry.Json);
        var explanation = query.Explain(document.RootElement);
        output.WriteLine($"Entry #{entry.Number} {(explanation.Matched ? "matches" : "does not match")}:");
        foreach (var step in explanation.Steps)
        {
            output.WriteLine($"  {(step.Result ? "yes" : "no"),-4}{new string(' ', step.Depth * 2)}{step.Term}  ({step.Detail})");
        }
    }

    /// <summary>timestamp, reason, and the object the event is about: enough to recognise an entry.</summary>
    private static string Describe(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return $"(a JSON {entry.ValueKind}, not a LogEntry)";
        }

        var payload = entry.GetObjectOrDefault("jsonPayload");
        var involved = payload.GetObjectOrDefault("involvedObject");
        var ns = involved.GetStringOrEmpty("namespace");
        var name = ns.Length > 0 ? $"{ns}/{involved.GetStringOrEmpty("name")}" : involved.GetStringOrEmpty("name");
        var reason = payload.GetStringOrNull("reason") ?? "(no event)";
        return $"{entry.GetStringOrEmpty("timestamp"),-31} {reason,-22} {involved.GetStringOrEmpty("kind")} {name}".TrimEnd();
    }
}
