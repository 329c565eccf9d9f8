namespace GkeEventNotifier.Model;

/// <summary>The pods bound to one node, as one <c>fieldSelector=spec.nodeName=</c> list returned them, and when.</summary>
public sealed record NodePods(string NodeName, DateTimeOffset ListedAt, IReadOnlyList<PodSnapshot> Pods)
{
    /// <summary>
    /// A node that exists always runs some pods (kube-proxy, the logging and metrics agents on GKE), so an empty
    /// list means the node is gone: scaled down or replaced. This spares a <c>nodes get</c> permission.
    /// </summary>
    public bool NodeLooksGone => Pods.Count == 0;
}
