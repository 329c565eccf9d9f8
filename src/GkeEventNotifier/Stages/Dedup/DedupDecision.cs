using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Stages.Dedup;

/// <summary>What the ledger says about an incoming event.</summary>
internal abstract record DedupDecision
{
    private DedupDecision()
    {
    }

    /// <summary>Not alerted within the window: post it (showing <see cref="Occurrences"/> carried from an earlier window), then settle the claim.</summary>
    public sealed record New(LedgerClaim Claim, int Occurrences) : DedupDecision;

    /// <summary>The same Pub/Sub message again: already alerted (on its own or <see cref="InSummary"/>) and already counted.</summary>
    public sealed record Redelivery(int Occurrences, bool InSummary) : DedupDecision;

    /// <summary>Another LogEntry for an event already alerted: counted; <see cref="Post"/> says where the alert is, if Slack told us.</summary>
    public sealed record Repeat(int Occurrences, SlackPostResult Post, RecordKey Record) : DedupDecision;
}
