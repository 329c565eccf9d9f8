namespace GkeEventNotifier.Model;

/// <summary>What the OOM look-up needs of a pod: identity, controller, QoS class and its containers' statuses.</summary>
public sealed record PodSnapshot(
    string Namespace,
    string Name,
    string Uid,
    string? QosClass,
    OwnerRef? Controller,
    IReadOnlyList<ContainerSnapshot> Containers)
{
    public string FullName => $"{Namespace}/{Name}";
}

/// <summary>An object's controlling owner (<c>metadata.ownerReferences</c> with <c>controller: true</c>).</summary>
public sealed record OwnerRef(string Kind, string Name);
