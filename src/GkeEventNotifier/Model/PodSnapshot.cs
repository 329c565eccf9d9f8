namespace GkeEventNotifier.Model;

/// <summary>What the OOM look-up needs of a pod: identity, controller, QoS class and its containers' statuses.</summary>
public sealed record PodSnapshot(
    string Namespace,
    string Name,
    string Uid,
    string? QosClass,
    OwnerRef? Controller,
    IReadOnlyList<ContainerSnapshot> Containers,
    string? Phase = null)
{
    public string FullName => $"{Namespace}/{Name}";

    /// <summary>The pod failed: its phase says so, or one of its containers ended with an error (before a restart, too).</summary>
    public bool HasFailed => Phase == "Failed" || Containers.Any(c => c.Current is { ExitCode: not 0 } || c.Last is { ExitCode: not 0 });
}

/// <summary>An object's controlling owner (<c>metadata.ownerReferences</c> with <c>controller: true</c>).</summary>
public sealed record OwnerRef(string Kind, string Name);
