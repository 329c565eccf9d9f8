using System.Globalization;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.Incidents;
using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Nodes;

/// <summary>
/// A node's lasting problems as incidents, one per node and problem (a condition type, or <c>NotReady</c>): a node
/// condition changing to True, or NodeNotReady, opens or joins it; the condition changing back to False or NodeReady
/// resolves that problem, and the node leaving the cluster (RemovingNode, DeletingNode) resolves every problem it had.
/// The sweep's re-check reads the node's metadata: a node the cluster no longer holds, or one re-created since the problem
/// opened (repaired, replaced under the same name), closes its problems even when no RemovingNode came; a node still
/// there keeps them open, and a problem open for a day is restated in its thread once a day.
/// Passing problems (a kernel oops, a hung task) are not incidents: they group per node and reason in the usual threads.
/// </summary>
internal sealed class NodeProblemRule(IClusterNodes nodes) : IIncidentRule
{
    private const string NodeKind = "Node";
    private const int MaxSignalLength = 100;

    /// <summary>The rule's name; each of its incidents is named by its own problem ("KernelDeadlock", "NotReady").</summary>
    public string Problem => "node problem";

    public IncidentWording Wording => NodeProblemWording.Instance;

    public IncidentSubject? Failure(EventLogEntry entry) => NodeSignal.From(entry.Event) is { Opens: true } signal ? Subject(entry, signal) : null;

    public IncidentSubject? Recovery(EventLogEntry entry) => NodeSignal.From(entry.Event) is { Resolves: true } signal ? Subject(entry, signal) : null;

    /// <summary>The condition type or <c>NotReady</c>; null for a node that left the cluster, which ends all of its problems.</summary>
    public string? ProblemOf(EventLogEntry entry) => NodeSignal.From(entry.Event) is { Kind: not NodeSignalKind.Gone } signal ? signal.Problem : null;

    public bool Owns(Incident incident) => incident.Subject is { Namespace.Length: 0, Workload.Kind: NodeKind };

    /// <summary>The event's reason: the condition's own reason ("KernelHasNoDeadlock"), NodeReady, RemovingNode.</summary>
    public string RecoverySignal(EventLogEntry entry) => SlackText.Limit(entry.Event.Reason, MaxSignalLength);

    public Task<Recheck> RecheckAsync(Incident incident, CancellationToken cancellationToken) => CheckAsync(incident.Subject, incident.Thread.First, cancellationToken);

    public Task<Recheck> RecheckAsync(IncidentSubject subject, CancellationToken cancellationToken) => CheckAsync(subject, null, cancellationToken);

    private async Task<Recheck> CheckAsync(IncidentSubject subject, DateTimeOffset? opened, CancellationToken cancellationToken)
    {
        NodePresence? node;
        try
        {
            node = await nodes.ReadAsync(subject.Cluster, subject.Workload.Name, cancellationToken);
        }
        catch (PodLookupException e)
        {
            return new Recheck.Unknown(e.Message);
        }

        return node switch
        {
            null => new Recheck.Replaced("no longer in the cluster"),
            { Created: { } created } when created > opened => new Recheck.Replaced($"re-created {created.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}"),
            _ => new Recheck.Failing("no event has ended it, and the node is still in the cluster"),
        };
    }

    private static IncidentSubject Subject(EventLogEntry entry, NodeSignal signal) => new(entry.Cluster, "", new WorkloadRef(NodeKind, signal.Node));
}
