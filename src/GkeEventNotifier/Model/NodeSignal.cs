namespace GkeEventNotifier.Model;

/// <summary>
/// The catalogue of node health events, from node-problem-detector's own rule files (kernel-monitor, docker-monitor,
/// systemd-monitor, the log counters, health checkers and custom plugins) and the Kubernetes node controllers.
/// <see cref="Problem"/> is what one node alert is about: the reason of a passing problem, the condition type of a
/// condition change, <c>NotReady</c> for readiness, empty for a node that is gone. Start-up notices (<c>KubeletStart</c>,
/// <c>ContainerdStart</c>, <c>DockerStart</c>), <c>Ext4Warning</c> and the kubelet's routine node events are not signals.
/// </summary>
public sealed record NodeSignal(NodeSignalKind Kind, string Node, string Problem, string? ConditionReason = null)
{
    /// <summary>The readiness problem's name, as its alerts and threads call it.</summary>
    public const string NotReadyProblem = "NotReady";

    /// <summary>node-problem-detector's temporary rules whose finding needs a human (kernel-monitor, docker-monitor).</summary>
    public static readonly IReadOnlySet<string> PassingProblems = new HashSet<string>(StringComparer.Ordinal)
    {
        "KernelOops", "TaskHung", "Ext4Error", "IOError", "MemoryReadError", "UnregisterNetDevice", "CorruptDockerImage",
    };

    /// <summary>The node controllers' events for a node that left the cluster.</summary>
    public static readonly IReadOnlySet<string> GoneReasons = new HashSet<string>(StringComparer.Ordinal) { "RemovingNode", "DeletingNode" };

    /// <summary>
    /// The kubelet's graceful node shutdown starting: how GKE logs a Spot or preemptible VM's preemption (its 30-second
    /// notice) and any other shutdown the kubelet sees coming. The node is going away: it opens the not-Ready problem.
    /// </summary>
    public const string ShutdownDetected = "Shutdown manager detected shutdown event";

    private const string ConditionPrefix = "Node condition ";
    private const string StatusMarker = " is now: ";
    private const int MaxConditionLength = 63;

    /// <summary>Whether this signal opens a node alert that stays open until it is resolved.</summary>
    public bool Opens => Kind is NodeSignalKind.ConditionTrue or NodeSignalKind.NotReady;

    /// <summary>Whether this signal ends problems (never an alert of its own).</summary>
    public bool Resolves => Kind is NodeSignalKind.ConditionFalse or NodeSignalKind.Ready or NodeSignalKind.Gone;

    /// <summary>The signal a Node event carries, or null (not about a node's health, or an event on another kind of object).</summary>
    public static NodeSignal? From(KubernetesEvent e)
    {
        if (!string.Equals(e.InvolvedObject.Kind, "Node", StringComparison.Ordinal) || e.InvolvedObject.Name.Length == 0)
        {
            return null;
        }

        var node = e.InvolvedObject.Name;
        if (Condition(e.Message) is { } change)
        {
            return change.Status switch
            {
                "True" => new NodeSignal(NodeSignalKind.ConditionTrue, node, change.Type, e.Reason),
                "False" => new NodeSignal(NodeSignalKind.ConditionFalse, node, change.Type, e.Reason),
                _ => null,
            };
        }

        return e.Reason switch
        {
            "NodeNotReady" => new NodeSignal(NodeSignalKind.NotReady, node, NotReadyProblem),
            "Shutdown" when e.Message.StartsWith(ShutdownDetected, StringComparison.Ordinal) => new NodeSignal(NodeSignalKind.NotReady, node, NotReadyProblem),
            "NodeReady" => new NodeSignal(NodeSignalKind.Ready, node, NotReadyProblem),
            _ when GoneReasons.Contains(e.Reason) => new NodeSignal(NodeSignalKind.Gone, node, ""),
            _ when PassingProblems.Contains(e.Reason) => new NodeSignal(NodeSignalKind.Problem, node, e.Reason),
            _ => null,
        };
    }

    /// <summary>
    /// "Node condition KernelDeadlock is now: True, reason: DockerHung, message: …" (node-problem-detector's
    /// GenerateConditionChangeEvent, every version: older ones end after the reason or say "msg:"). A hand-written scan:
    /// no regex on event text. The condition type must be a plain identifier, as Kubernetes condition types are.
    /// </summary>
    private static (string Type, string Status)? Condition(string message)
    {
        if (!message.StartsWith(ConditionPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = message.AsSpan(ConditionPrefix.Length);
        var marker = rest.IndexOf(StatusMarker, StringComparison.Ordinal);
        if (marker is <= 0 or > MaxConditionLength)
        {
            return null;
        }

        var type = rest[..marker];
        foreach (var c in type)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }
        }

        var after = rest[(marker + StatusMarker.Length)..];
        var end = after.IndexOf(',');
        var status = (end < 0 ? after : after[..end]).Trim();
        return (type.ToString(), status.ToString());
    }
}
