using System.Text.Json.Nodes;
using k8s.Models;

namespace GkeEventNotifier.Tests.Incidents;

/// <summary>
/// The kubelet's events about the pods of Deployment shop/cart (from the samples, each with its own uid and time) and
/// the pods the fake API server returns for it.
/// </summary>
internal static class WorkloadEntries
{
    public const string Namespace = "shop";
    public const string Deployment = "cart";
    public const string Revision = "7d9f6c5b8";

    public static string Pod(int i, string revision = Revision) => $"{Deployment}-{revision}-{"bcdfg"[i % 5]}4wz{"tvxz2"[i / 5 % 5]}";

    /// <summary>"Back-off restarting failed container cart in pod …": a crash loop.</summary>
    public static JsonObject CrashLoop(string pod, DateTimeOffset at) =>
        Event("keep-backoff-crashloop", pod, at, $"Back-off restarting failed container cart in pod {pod}_{Namespace}({Guid.NewGuid()})");

    public static JsonObject PullFailed(string pod, DateTimeOffset at) => Event("keep-failed-errimagepull", pod, at, null);

    public static JsonObject PullBackOff(string pod, DateTimeOffset at) => Event("keep-backoff-pulling-image", pod, at, null);

    public static JsonObject Pulled(string pod, DateTimeOffset at) => Event("keep-pulled-successfully", pod, at, null);

    public static JsonObject AlreadyPresent(string pod, DateTimeOffset at) => Event("drop-normal-pulled", pod, at, null);

    /// <summary>"Container cart failed liveness probe, will be restarted".</summary>
    public static JsonObject LivenessKill(string pod, DateTimeOffset at) => Event("keep-killing-liveness-probe", pod, at, null);

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

    private static JsonObject Event(string sample, string pod, DateTimeOffset at, string? message)
    {
        var entry = Samples.EntryNode(sample);
        var payload = entry["jsonPayload"]!;
        var time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        payload["involvedObject"]!["name"] = pod;
        payload["involvedObject"]!["namespace"] = Namespace;
        payload["involvedObject"]!["uid"] = Guid.NewGuid().ToString();
        payload["metadata"]!["uid"] = Guid.NewGuid().ToString();
        payload["lastTimestamp"] = time;
        if (message is not null)
        {
            payload["message"] = message;
        }

        entry["resource"]!["labels"]!["pod_name"] = pod;
        entry["resource"]!["labels"]!["namespace_name"] = Namespace;
        entry["timestamp"] = time;
        entry["insertId"] = Guid.NewGuid().ToString("N")[..15];
        return entry;
    }

    /// <summary>A pod of the Deployment as the API server lists it: owned by the revision's ReplicaSet, Ready or not, with its restarts.</summary>
    public static V1Pod RunningPod(string name, bool ready, int restarts, string revision = Revision) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = Namespace,
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
