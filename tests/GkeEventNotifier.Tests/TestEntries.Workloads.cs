using System.Text.Json.Nodes;
using k8s.Models;

namespace GkeEventNotifier.Tests;

/// <summary>
/// TestEntries for incidents: the kubelet's, scheduler's, autoscaler's and controllers' events about the pods of
/// Deployment shop/cart (from the samples, each with its own uid and time) and the pods the fake API server returns.
/// </summary>
internal static partial class TestEntries
{
    public const string WorkloadNamespace = "shop";
    public const string Deployment = "cart";
    public const string Revision = "7d9f6c5b8";

    public static string CartPod(int i, string revision = Revision) => $"{Deployment}-{revision}-{"bcdfg"[i % 5]}4wz{"tvxz2"[i / 5 % 5]}";

    /// <summary>"Back-off restarting failed container cart in pod …": a crash loop.</summary>
    public static JsonObject CrashLoop(string pod, DateTimeOffset at) =>
        PodEvent("keep-backoff-crashloop", pod, at, $"Back-off restarting failed container cart in pod {pod}_{WorkloadNamespace}({Guid.NewGuid()})");

    public static JsonObject PullFailed(string pod, DateTimeOffset at) => PodEvent("keep-failed-errimagepull", pod, at, null);

    public static JsonObject PullBackOff(string pod, DateTimeOffset at) => PodEvent("keep-backoff-pulling-image", pod, at, null);

    public static JsonObject Pulled(string pod, DateTimeOffset at) => PodEvent("keep-pulled-successfully", pod, at, null);

    public static JsonObject AlreadyPresent(string pod, DateTimeOffset at) => PodEvent("drop-normal-pulled", pod, at, null);

    /// <summary>"Container cart failed liveness probe, will be restarted".</summary>
    public static JsonObject LivenessKill(string pod, DateTimeOffset at) => PodEvent("keep-killing-liveness-probe", pod, at, null);

    /// <summary>The scheduler's "0/6 nodes are available: 4 Insufficient cpu, 2 node(s) had untolerated taint …".</summary>
    public static JsonObject FailedScheduling(string pod, DateTimeOffset at) => PodEvent("keep-failedscheduling-insufficient", pod, at, null);

    /// <summary>The scheduler's "0/6 nodes are available: pod has unbound immediate PersistentVolumeClaims. …".</summary>
    public static JsonObject UnboundClaim(string pod, DateTimeOffset at) => PodEvent("keep-failedscheduling-unbound-claim", pod, at, null);

    /// <summary>The cluster autoscaler's "pod didn't trigger scale-up: 2 max node group size reached, …".</summary>
    public static JsonObject NoScaleUp(string pod, DateTimeOffset at) => PodEvent("keep-nottriggerscaleup", pod, at, null);

    /// <summary>The cluster autoscaler's "pod triggered scale-up: [{…-grp 3->4 (max: 8)}]".</summary>
    public static JsonObject ScaleUp(string pod, DateTimeOffset at) => PodEvent("drop-triggeredscaleup", pod, at, null);

    /// <summary>The scheduler's "Successfully assigned shop/&lt;pod&gt; to gke-…".</summary>
    public static JsonObject Scheduled(string pod, DateTimeOffset at) =>
        PodEvent("keep-scheduled", pod, at, $"Successfully assigned {WorkloadNamespace}/{pod} to gke-shop-eu1-default-pool-7f3a9c21-m8vd");

    /// <summary>The kubelet's "Unable to attach or mount volumes: unmounted volumes=[orders], …: timed out waiting for the condition".</summary>
    public static JsonObject MountTimeout(string pod, DateTimeOffset at) => PodEvent("keep-failedmount", pod, at, null);

    /// <summary>The attach/detach controller's "Multi-Attach error for volume "pvc-…" Volume is already used by pod(s) …".</summary>
    public static JsonObject MultiAttach(string pod, DateTimeOffset at) => PodEvent("keep-failedattachvolume-multiattach", pod, at, null);

    /// <summary>The attach/detach controller's "AttachVolume.Attach succeeded for volume "pvc-…"".</summary>
    public static JsonObject Attached(string pod, DateTimeOffset at) => PodEvent("keep-successfulattachvolume", pod, at, null);

    /// <summary>The ReplicaSet controller's FailedCreate (quota or admission webhook) or SuccessfulCreate on the revision's ReplicaSet.</summary>
    public static JsonObject OnReplicaSet(string sample, DateTimeOffset at)
    {
        var entry = Samples.EntryNode(sample);
        var payload = entry["jsonPayload"]!;
        var time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        payload["metadata"]!["uid"] = Guid.NewGuid().ToString();
        payload["lastTimestamp"] = time;
        entry["timestamp"] = time;
        entry["insertId"] = Guid.NewGuid().ToString("N")[..15];
        return entry;
    }

    private static JsonObject PodEvent(string sample, string pod, DateTimeOffset at, string? message)
    {
        var entry = Samples.EntryNode(sample);
        var payload = entry["jsonPayload"]!;
        var time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        payload["involvedObject"]!["name"] = pod;
        payload["involvedObject"]!["namespace"] = WorkloadNamespace;
        payload["involvedObject"]!["uid"] = Guid.NewGuid().ToString();
        payload["metadata"]!["uid"] = Guid.NewGuid().ToString();
        payload["lastTimestamp"] = time;
        if (message is not null)
        {
            payload["message"] = message;
        }

        entry["resource"]!["labels"]!["pod_name"] = pod;
        entry["resource"]!["labels"]!["namespace_name"] = WorkloadNamespace;
        entry["timestamp"] = time;
        entry["insertId"] = Guid.NewGuid().ToString("N")[..15];
        return entry;
    }

    /// <summary>A pod of the Deployment still Pending: not placed on a node, or placed but its volumes not mounted.</summary>
    public static V1Pod PendingPod(string name, bool scheduled)
    {
        var pod = RunningPod(name, ready: false, restarts: 0);
        pod.Spec.NodeName = scheduled ? pod.Spec.NodeName : null;
        pod.Status.Phase = "Pending";
        pod.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = scheduled ? "True" : "False" }, new V1PodCondition { Type = "Ready", Status = "False" }];
        return pod;
    }

    /// <summary>A pod of the Deployment as the API server lists it: owned by the revision's ReplicaSet, Ready or not, with its restarts.</summary>
    public static V1Pod RunningPod(string name, bool ready, int restarts, string revision = Revision) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = WorkloadNamespace,
            Uid = Guid.NewGuid().ToString(),
            Labels = new Dictionary<string, string> { ["app"] = Deployment, ["pod-template-hash"] = revision },
            OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = $"{Deployment}-{revision}", Uid = Guid.NewGuid().ToString(), Controller = true }],
        },
        Spec = new V1PodSpec { NodeName = "gke-shop-eu1-default-pool-7f3a9c21-x2kq", Containers = [new V1Container { Name = "cart", Image = "europe-docker.pkg.dev/acme-shop-prod/shop/cart:2.14.1" }] },
        Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
            ContainerStatuses = [new V1ContainerStatus { Name = "cart", Image = "europe-docker.pkg.dev/acme-shop-prod/shop/cart:2.14.1", ImageID = "", Ready = ready, RestartCount = restarts }],
        },
    };
}
