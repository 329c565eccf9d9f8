using k8s.Models;

namespace GkeEventNotifier.Tests.Fakes;

/// <summary>Pods shaped as the API server returns them (spec + status), with the container states an OOM kill leaves.</summary>
internal sealed class PodBuilder(string ns, string name, string node)
{
    private readonly List<V1Container> containers = [];
    private readonly List<V1Container> initContainers = [];
    private readonly List<V1ContainerStatus> statuses = [];
    private readonly List<V1ContainerStatus> initStatuses = [];
    private string uid = Guid.NewGuid().ToString();
    private V1OwnerReference? owner;
    private string qos = "Burstable";
    private string phase = "Running";

    public string Uid => uid;

    public PodBuilder WithUid(string value)
    {
        uid = value;
        return this;
    }

    public PodBuilder OwnedBy(string kind, string ownerName)
    {
        owner = new V1OwnerReference { ApiVersion = kind == "Job" ? "batch/v1" : "apps/v1", Kind = kind, Name = ownerName, Uid = Guid.NewGuid().ToString(), Controller = true };
        return this;
    }

    public PodBuilder WithQos(string value)
    {
        qos = value;
        return this;
    }

    public PodBuilder Running(string container, string containerId, int restarts = 0, string limit = "512Mi", string request = "256Mi") =>
        Add(container, limit, request, Status(container, containerId, restarts, new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = DateTime.UtcNow } }, null));

    /// <summary>OOM-killed and restarted: the kill is in <c>lastState</c>, the new instance runs.</summary>
    public PodBuilder RestartedAfterOom(string container, string oldId, string newId, DateTimeOffset finishedAt, int restarts, string limit = "512Mi", string request = "256Mi") =>
        Add(container, limit, request, Status(container, newId, restarts,
            new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = finishedAt.UtcDateTime.AddSeconds(10) } },
            new V1ContainerState { Terminated = Oom(oldId, finishedAt, 137) }));

    /// <summary>OOM-killed and not (yet) restarted: the kill is in <c>state</c> (Jobs, restartPolicy Never, back-off).</summary>
    public PodBuilder DeadOfOom(string container, string containerId, DateTimeOffset finishedAt, int exitCode = 137, string limit = "512Mi", string request = "256Mi") =>
        Add(container, limit, request, Status(container, containerId, 0, new V1ContainerState { Terminated = Oom(containerId, finishedAt, exitCode) }, null));

    /// <summary>A container that exited with an error and was not restarted: the pod's phase is Failed (a Job's pod, restartPolicy Never).</summary>
    public PodBuilder FailedWith(string container, string containerId, int exitCode, string reason = "Error")
    {
        phase = "Failed";
        return Add(container, "512Mi", "256Mi", Status(container, containerId, 0,
            new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode, Reason = reason, FinishedAt = DateTime.UtcNow, ContainerID = $"containerd://{containerId}" } }, null));
    }

    public PodBuilder InitDeadOfOom(string container, string containerId, DateTimeOffset finishedAt)
    {
        initContainers.Add(Spec(container, "128Mi", "64Mi"));
        initStatuses.Add(Status(container, containerId, 0, new V1ContainerState { Terminated = Oom(containerId, finishedAt, 137) }, null));
        return this;
    }

    public V1Pod Build() => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Uid = uid,
            OwnerReferences = owner is null ? null : [owner],
            Labels = owner is { Kind: "Job" } ? new Dictionary<string, string> { ["job-name"] = owner.Name, ["batch.kubernetes.io/job-name"] = owner.Name } : null,
        },
        Spec = new V1PodSpec { Containers = containers, NodeName = node, InitContainers = initContainers.Count > 0 ? initContainers : null },
        Status = new V1PodStatus
        {
            Phase = phase,
            QosClass = qos,
            ContainerStatuses = statuses,
            InitContainerStatuses = initStatuses.Count > 0 ? initStatuses : null,
        },
    };

    private PodBuilder Add(string container, string limit, string request, V1ContainerStatus status)
    {
        containers.Add(Spec(container, limit, request));
        statuses.Add(status);
        return this;
    }

    private static V1Container Spec(string container, string limit, string request) => new()
    {
        Name = container,
        Image = $"registry.example/{container}:1.4.2",
        Resources = new V1ResourceRequirements
        {
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(limit) },
            Requests = new Dictionary<string, ResourceQuantity> { ["memory"] = new(request), ["cpu"] = new("100m") },
        },
    };

    private static V1ContainerStatus Status(string container, string containerId, int restarts, V1ContainerState state, V1ContainerState? last) => new()
    {
        Image = $"registry.example/{container}:1.4.2",
        ImageID = "registry.example/sha256:00",
        Name = container,
        Ready = state.Running is not null,
        RestartCount = restarts,
        ContainerID = $"containerd://{containerId}",
        State = state,
        LastState = last ?? new V1ContainerState(),
    };

    private static V1ContainerStateTerminated Oom(string containerId, DateTimeOffset finishedAt, int exitCode) => new()
    {
        ExitCode = exitCode,
        ContainerID = $"containerd://{containerId}",
        FinishedAt = finishedAt.UtcDateTime,
        StartedAt = finishedAt.UtcDateTime.AddMinutes(-3),
        Reason = "OOMKilled",
    };
}
