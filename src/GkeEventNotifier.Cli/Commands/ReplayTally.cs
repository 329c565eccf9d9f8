using System.Text;
using GkeEventNotifier.Pipeline;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>What a replay did with every entry, for the closing report.</summary>
internal sealed class ReplayTally
{
    private readonly Dictionary<OutcomeKind, int> counts = [];

    public int Read { get; private set; }

    public int Failed { get; private set; }

    public List<(int Number, string Reason)> Rejected { get; } = [];

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
        Failed++;
    }

    public string Summary(bool connected)
    {
        var builder = new StringBuilder();
        builder.Append($"{Read} entries read: {counts.GetValueOrDefault(OutcomeKind.Alerted) + counts.GetValueOrDefault(OutcomeKind.Summarised)} alerted")
            .Append(connected ? " (posted to Slack)" : " (printed; no Slack setting)")
            .Append($", {counts.GetValueOrDefault(OutcomeKind.Filtered)} dropped by the filter")
            .Append($", {counts.GetValueOrDefault(OutcomeKind.NotAnEvent)} not Kubernetes events (exporter notices and the like)")
            .Append(counts.GetValueOrDefault(OutcomeKind.Duplicate) > 0 ? $", {counts[OutcomeKind.Duplicate]} repeats of an earlier event" : "")
            .Append($", {Rejected.Count} rejected");
        if (Failed > 0)
        {
            builder.Append($", {Failed} failed to reach Slack");
        }

        foreach (var (number, reason) in Rejected)
        {
            builder.AppendLine().Append($"  rejected entry {number}: {reason}");
        }

        return builder.ToString();
    }
}
