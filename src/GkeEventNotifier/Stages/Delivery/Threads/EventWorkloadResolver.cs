using System.Text.RegularExpressions;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>
/// The owning workload from what the event itself says, without a cluster call: GKE's top-level controller labels on
/// the LogEntry when present, else Kubernetes' naming conventions (a Deployment's pod is
/// <c>name-&lt;rs hash&gt;-&lt;pod hash&gt;</c>, a CronJob's Job is <c>name-&lt;scheduled unix minutes&gt;</c>, checked as
/// strictly as <see cref="CronJobRunName"/> checks it), else the object itself.
/// A wrong guess only splits or merges a thread; it never loses an alert.
/// </summary>
internal sealed partial class EventWorkloadResolver : IWorkloadResolver
{
    private const string ControllerTypeLabel = "logging.gke.io/top_level_controller_type";
    private const string ControllerNameLabel = "logging.gke.io/top_level_controller_name";

    public WorkloadRef Resolve(EventLogEntry entry)
    {
        var involved = entry.Event.InvolvedObject;
        return FromLabels(entry) ?? FromName(involved.Kind, involved.Name, entry.Event.LastSeen);
    }

    internal static WorkloadRef FromName(string kind, string name, DateTimeOffset at)
    {
        switch (kind)
        {
            case "Pod" when DeploymentPod().Match(name) is { Success: true } m:
                return new WorkloadRef("Deployment", m.Groups["name"].Value);
            case "Pod" when JobPod().Match(name) is { Success: true } m:
                return FromName("Job", m.Groups["job"].Value, at);
            case "Job" when CronJobRunName.CronJobOf(name, at) is { } cronJob:
                return new WorkloadRef("CronJob", cronJob);
            case "ReplicaSet" when ReplicaSet().Match(name) is { Success: true } m:
                return new WorkloadRef("Deployment", m.Groups["name"].Value);
            default:
                return new WorkloadRef(kind, name);
        }
    }

    private static WorkloadRef? FromLabels(EventLogEntry entry)
    {
        if (!entry.Raw.TryGetProperty("labels", out var labels) || labels.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return null;
        }

        var type = labels.GetStringOrEmpty(ControllerTypeLabel);
        var name = labels.GetStringOrEmpty(ControllerNameLabel);
        return type.Length > 0 && name.Length > 0 ? new WorkloadRef(type, name) : null;
    }

    // Pod template hashes are 5–10 characters from the "bcdfghjklmnpqrstvwxz2456789" alphabet; pod suffixes 5 of them.
    [GeneratedRegex("^(?<name>.+)-[bcdfghjklmnpqrstvwxz2456789]{5,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$")]
    private static partial Regex DeploymentPod();

    [GeneratedRegex("^(?<name>.+)-[bcdfghjklmnpqrstvwxz2456789]{5,10}$")]
    private static partial Regex ReplicaSet();

    [GeneratedRegex("^(?<job>.+-[0-9]{8,10})-[bcdfghjklmnpqrstvwxz2456789]{5}$")]
    private static partial Regex JobPod();
}
