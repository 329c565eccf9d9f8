using GkeEventNotifier.Model;
using k8s.Models;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>Reduces API-server pods to <see cref="PodSnapshot"/>s: spec and status of each container joined by name.</summary>
internal static class PodMapper
{
    public static PodSnapshot ToSnapshot(V1Pod pod)
    {
        var metadata = pod.Metadata;
        var controller = metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        var containers = Containers(pod.Spec?.InitContainers, pod.Status?.InitContainerStatuses, isInit: true)
            .Concat(Containers(pod.Spec?.Containers, pod.Status?.ContainerStatuses, isInit: false))
            .ToList();
        return new PodSnapshot(
            metadata?.NamespaceProperty ?? "",
            metadata?.Name ?? "",
            metadata?.Uid ?? "",
            pod.Status?.QosClass,
            controller is null ? null : new OwnerRef(controller.Kind, controller.Name),
            containers,
            pod.Status?.Phase);
    }

    public static OwnerRef? Controller(V1ObjectMeta? metadata) =>
        metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { } owner ? new OwnerRef(owner.Kind, owner.Name) : null;

    private static IEnumerable<ContainerSnapshot> Containers(IList<V1Container>? specs, IList<V1ContainerStatus>? statuses, bool isInit)
    {
        foreach (var spec in specs ?? [])
        {
            var status = statuses?.FirstOrDefault(s => string.Equals(s.Name, spec.Name, StringComparison.Ordinal));
            yield return new ContainerSnapshot(
                spec.Name,
                isInit,
                status?.ContainerID,
                status?.RestartCount ?? 0,
                Memory(spec.Resources?.Limits),
                Memory(spec.Resources?.Requests),
                status?.State?.Running is not null,
                ToTermination(status?.State?.Terminated),
                ToTermination(status?.LastState?.Terminated));
        }
    }

    private static string? Memory(IDictionary<string, ResourceQuantity>? resources) =>
        resources is not null && resources.TryGetValue("memory", out var quantity) ? quantity.ToString() : null;

    private static Termination? ToTermination(V1ContainerStateTerminated? terminated) =>
        terminated is null
            ? null
            : new Termination(
                terminated.Reason,
                terminated.ExitCode,
                terminated.FinishedAt is { } finished ? new DateTimeOffset(DateTime.SpecifyKind(finished, DateTimeKind.Utc)) : null,
                terminated.ContainerID);
}
