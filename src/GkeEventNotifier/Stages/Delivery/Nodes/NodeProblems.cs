using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Routing;

namespace GkeEventNotifier.Stages.Delivery.Nodes;

/// <summary>
/// A node's lasting problems as threads that stay open until resolved, one per node and problem (a condition type, or
/// not Ready): a node condition changing to True, or NodeNotReady, opens the thread; the same problem reported again
/// replies in it and counts on the first alert; the condition changing back to False, NodeReady, or the node leaving
/// the cluster (RemovingNode, DeletingNode) posts the resolution in the thread and marks the first alert resolved.
/// The thread's state lives in the first message's Slack metadata (bot receivers), so a restart loses nothing.
/// Passing problems (a kernel oops, a hung task) are ordinary alerts: they group per node and reason in the usual threads.
/// </summary>
internal sealed class NodeProblems(GroupStore store, SlackNotifier notifier, TimeProvider time)
{
    /// <summary>An open problem's thread is found again for this long without news.</summary>
    public static readonly TimeSpan OpenFor = TimeSpan.FromDays(8);

    /// <summary>Delivers a problem that opens (or repeats into) its node thread; false when the alert is not one.</summary>
    public async Task<bool> TryDeliverAsync(Alert alert, Receiver receiver, CancellationToken cancellationToken)
    {
        if (NodeSignal.From(alert.Entry.Event) is not { Opens: true } signal)
        {
            return false;
        }

        var key = Key(alert.Entry.Cluster, signal.Node, signal.Problem);
        var slot = Slot(receiver, key.Id);
        using var held = await store.LockAsync(slot, cancellationToken);
        var now = time.GetUtcNow();
        if (await store.FindOpenAsync(receiver, slot, key.Id, now, OpenFor, cancellationToken) is not { } open)
        {
            var state = GroupState.Start(key.Id, signal.Node, signal.Node, now);
            var posted = await notifier.NotifyAsync(receiver.Client, NodeProblemRenderer.Opened(alert, receiver, signal, state, first: true), cancellationToken);
            store.Remember(slot, state with { Channel = posted.Channel ?? receiver.Channel, Ts = posted.Ts }, now, OpenFor);
            return true;
        }

        var next = open.Add(signal.Node, signal.Node, now);
        var threaded = receiver.CanThread && next.Ts is not null && next.Channel is not null;
        await notifier.NotifyAsync(receiver.Client, NodeProblemRenderer.Opened(alert, receiver, signal, next, first: !threaded), cancellationToken);
        if (threaded)
        {
            await receiver.Client.UpdateAsync(next.Channel!, next.Ts!, NodeProblemRenderer.Parent(alert, signal, next), cancellationToken);
        }

        store.Remember(slot, next, now, OpenFor);
        return true;
    }

    /// <summary>A resolving signal: closes the node's open problems it ends, in every receiver it is routed to.</summary>
    public async Task<PipelineOutcome> ResolveAsync(EventLogEntry entry, NodeSignal signal, IReadOnlyList<Receiver> receivers, CancellationToken cancellationToken)
    {
        var resolved = 0;
        foreach (var receiver in receivers)
        {
            resolved += await ResolveInAsync(entry.Cluster, signal with { ConditionReason = entry.Event.Reason }, receiver, cancellationToken);
        }

        var what = $"{entry.Event.Reason} on Node {signal.Node} in {entry.Cluster}";
        return resolved > 0
            ? PipelineOutcome.Alerted($"{what}: {resolved} open problem(s) resolved")
            : PipelineOutcome.NoAlert($"{what}: no open problem to resolve");
    }

    private async Task<int> ResolveInAsync(ClusterRef cluster, NodeSignal signal, Receiver receiver, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var keys = signal.Kind == NodeSignalKind.Gone
            ? (await store.FindOpenWithPrefixAsync(receiver, NodePrefix(cluster, signal.Node), now, OpenFor, cancellationToken)).Select(state => state.KeyId).ToList()
            : [Key(cluster, signal.Node, signal.Problem).Id];
        var resolved = 0;
        foreach (var keyId in keys)
        {
            resolved += await ResolveOneAsync(signal, receiver, keyId, cancellationToken) ? 1 : 0;
        }

        return resolved;
    }

    private async Task<bool> ResolveOneAsync(NodeSignal signal, Receiver receiver, string keyId, CancellationToken cancellationToken)
    {
        var slot = Slot(receiver, keyId);
        using var held = await store.LockAsync(slot, cancellationToken);
        var now = time.GetUtcNow();
        if (await store.FindOpenAsync(receiver, slot, keyId, now, OpenFor, cancellationToken) is not { } open)
        {
            return false;
        }

        var problem = keyId[(keyId.LastIndexOf('|') + 1)..];
        var resolution = NodeProblemRenderer.Resolution(signal, signal.Node, problem, now - open.First);
        var closed = open with { Resolved = true };
        if (receiver.CanThread && open.Ts is not null && open.Channel is not null)
        {
            await receiver.Client.PostAsync(NodeProblemRenderer.ResolutionReply(receiver, open, resolution), cancellationToken);
            await receiver.Client.UpdateAsync(open.Channel, open.Ts, NodeProblemRenderer.Resolved(closed, resolution), cancellationToken);
        }
        else
        {
            await notifier.NotifyAsync(receiver.Client, NodeProblemRenderer.Resolved(closed, resolution) with { Channel = receiver.Channel, Metadata = null }, cancellationToken);
        }

        store.Remember(slot, closed, now, OpenFor);
        return true;
    }

    /// <summary>One thread per cluster, node and problem; no namespace (nodes have none), so it never meets an ordinary group.</summary>
    internal static GroupKey Key(ClusterRef cluster, string node, string problem) =>
        new(cluster.ToString(), "", new WorkloadRef("Node", node), problem);

    private static string NodePrefix(ClusterRef cluster, string node) => $"{cluster}||Node/{node}|";

    private static string Slot(Receiver receiver, string keyId) => $"{receiver.Name}\n{keyId}";
}
