using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.Incidents;
using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Nodes;

/// <summary>
/// A node's lasting problems as incidents, one per node and problem (a condition type, or <c>NotReady</c>): a node
/// condition changing to True, or NodeNotReady, opens or joins it; the condition changing back to False or NodeReady
/// resolves that problem, and the node leaving the cluster (RemovingNode, DeletingNode) resolves every problem it had.
/// Passing problems (a kernel oops, a hung task) are not incidents: they group per node and reason in the usual threads.
/// </summary>
internal sealed class NodeProblemRule : IIncidentRule
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

    public Task<Recheck> RecheckAsync(IncidentSubject subject, CancellationToken cancellationToken) =>
        Task.FromResult<Recheck>(new Recheck.Failing("no event has ended it"));

    private static IncidentSubject Subject(EventLogEntry entry, NodeSignal signal) => new(entry.Cluster, "", new WorkloadRef(NodeKind, signal.Node));
}
