using System.Globalization;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Incidents;
using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Nodes;

/// <summary>
/// How a node problem's thread reads: what the problem is and what ends it on every failure message ("Node condition
/// KernelDeadlock is True on N since … (reported 2 times) · open until …"), the resolution by its own signal, and the
/// once-a-day restatement of a problem still open.
/// </summary>
internal sealed class NodeProblemWording : IncidentWording
{
    public static readonly NodeProblemWording Instance = new();

    private NodeProblemWording()
    {
    }

    /// <summary>"Node condition KernelDeadlock is True on gke-… since 2026-11-21 08:05 UTC (reported 2 times) · open until …".</summary>
    public override string Opened(Incident incident)
    {
        var (node, problem, state) = Parts(incident);
        var what = IsNotReady(problem) ? $"Node {node} is not Ready" : $"Node condition {problem} is True on {node}";
        var count = state.Count > 1 ? $" (reported {state.Count} times)" : "";
        return $"{what} since {Utc(state.First)}{count} · {Until(problem)}";
    }

    public override string Joined(Incident incident) => Opened(incident);

    public override string Counted(Incident incident) => Opened(incident);

    public override string Parent(Incident incident) => Opened(incident);

    /// <summary>"Node N: KernelDeadlock is False again after 1 h 43 min (KernelHasNoDeadlock)", "Node N is Ready again after 12 min", "Node N is gone (RemovingNode): …".</summary>
    public override string Recovered(Incident incident, DateTimeOffset at, string how)
    {
        var (node, problem, state) = Parts(incident);
        var after = Durations.Say(at - state.First);
        if (NodeSignal.GoneReasons.Contains(how))
        {
            return Closed(incident, at, how);
        }

        return IsNotReady(problem)
            ? $"Node {node} is Ready again after {after}"
            : $"Node {node}: {problem} is False again after {after}{(how.Length > 0 ? $" ({how})" : "")}";
    }

    /// <summary>"Node N is gone (RemovingNode): KernelDeadlock closed after 2 h 24 min".</summary>
    public override string Closed(Incident incident, DateTimeOffset at, string why)
    {
        var (node, problem, state) = Parts(incident);
        return $"Node {node} is gone ({why}): {(IsNotReady(problem) ? "not Ready" : problem)} closed after {Durations.Say(at - state.First)}";
    }

    /// <summary>"Node condition KernelDeadlock is still True on N after 1 d (since …): …".</summary>
    public override string Restated(Incident incident, DateTimeOffset at, string why)
    {
        var (node, problem, state) = Parts(incident);
        var what = IsNotReady(problem) ? $"Node {node} is still not Ready" : $"Node condition {problem} is still True on {node}";
        return $"{what} after {Durations.Say(at - state.First)} (since {Utc(state.First)}): {why} · {Until(problem)}";
    }

    private static (string Node, string Problem, GroupState State) Parts(Incident incident) => (incident.Subject.Workload.Name, incident.Problem, incident.Thread);

    private static bool IsNotReady(string problem) => problem == NodeSignal.NotReadyProblem;

    private static string Until(string problem) => IsNotReady(problem)
        ? "open until the node is Ready again or gone"
        : $"open until {problem} is False again or the node is gone";

    private static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
