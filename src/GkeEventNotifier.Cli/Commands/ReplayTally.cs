using System.Text;
using GkeEventNotifier.Model;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>What a replay did with every entry, for the closing report: the counts add up to the entries read.</summary>
internal sealed class ReplayTally
{
    private readonly Dictionary<OutcomeKind, int> counts = [];

    public int Read { get; private set; }

    public List<(int Number, string Reason)> Rejected { get; } = [];

    public List<(int Number, string Reason)> Failed { get; } = [];

    public void Count(int number, PipelineOutcome outcome)
    {
        Read++;
        counts[outcome.Kind] = counts.GetValueOrDefault(outcome.Kind) + 1;
        if (outcome.Kind == OutcomeKind.Poison)
        {
            Rejected.Add((number, outcome.Detail));
        }
    }

    public void Reject(int number, string reason)
    {
        Read++;
        Rejected.Add((number, reason));
    }

    public void Fail(int number, string reason)
    {
        Read++;
        Failed.Add((number, reason));
    }

    public string Summary(bool connected)
    {
        var builder = new StringBuilder();
        builder.Append($"{Read} entries read: {Count(OutcomeKind.Alerted) + Count(OutcomeKind.Summarised)} alerted")
            .Append(connected ? " (posted to Slack)" : " (printed; no Slack setting)")
            .Append(Count(OutcomeKind.Summarised) > 0 ? $" of which {Count(OutcomeKind.Summarised)} in burst summaries" : "")
            .Append($", {Count(OutcomeKind.Filtered)} dropped by the filter or a drop rule")
            .Append($", {Count(OutcomeKind.NotAnEvent)} not Kubernetes events (text lines, audit log entries)")
            .Append(Count(OutcomeKind.Duplicate) > 0 ? $", {Count(OutcomeKind.Duplicate)} repeats of an earlier event" : "")
            .Append(Count(OutcomeKind.NoAlert) > 0 ? $", {Count(OutcomeKind.NoAlert)} needing no alert (recoveries with nothing open to resolve)" : "")
            .Append($", {Rejected.Count} rejected");
        if (Failed.Count > 0)
        {
            builder.Append($", {Failed.Count} failed to reach Slack");
        }

        foreach (var (number, reason) in Rejected.OrderBy(r => r.Number))
        {
            builder.AppendLine().Append($"  rejected entry {number}: {reason}");
        }

        foreach (var (number, reason) in Failed.OrderBy(r => r.Number))
        {
            builder.AppendLine().Append($"  failed entry {number}: {reason}");
        }

        return builder.ToString();
    }

    private int Count(OutcomeKind kind) => counts.GetValueOrDefault(kind);
}
