namespace GkeEventNotifier.Model;

/// <summary>What a Node event says about the node's health (see <see cref="NodeSignal"/>).</summary>
public enum NodeSignalKind
{
    /// <summary>A passing problem node-problem-detector saw once (a kernel oops, a hung task): alerted, repeats join the node's thread.</summary>
    Problem,

    /// <summary>A node condition changed to True: the node has a lasting problem until it changes back.</summary>
    ConditionTrue,

    /// <summary>A node condition changed back to False: the problem it stood for is over.</summary>
    ConditionFalse,

    /// <summary>The node stopped being Ready (the node lifecycle controller's or the kubelet's NodeNotReady).</summary>
    NotReady,

    /// <summary>The node is Ready (again).</summary>
    Ready,

    /// <summary>The node left the cluster (scaled down, repaired, replaced): every problem it had is over.</summary>
    Gone,
}
