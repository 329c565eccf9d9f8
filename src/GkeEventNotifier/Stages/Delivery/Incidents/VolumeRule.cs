using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Threads;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// A volume a pod cannot get: the kubelet's <c>FailedMount</c> ("MountVolume.SetUp failed for volume …", "Unable to
/// attach or mount volumes: unmounted volumes=[…] …: timed out waiting for the condition") and the attach/detach
/// controller's <c>FailedAttachVolume</c> ("AttachVolume.Attach failed for volume …", "Multi-Attach error for volume
/// "pvc-…" Volume is already used by pod(s) …"). Most clear on their own (a disk still detaching from the old pod's
/// node during a rollout), so it is held for VOLUME_GRACE_MINUTES: <c>SuccessfulAttachVolume</c> ("AttachVolume.Attach
/// succeeded for volume …") or <c>SuccessfulMountVolume</c> within that time closes it unseen; after it the sweep alerts
/// it if a pod of the workload is still not running. Either event counts for its own pod: the incident closes once every
/// pod that failed has one. Once alerted it resolves that way, or by the re-check: every pod of the workload running,
/// unchanged for RECOVERY_STABLE_MINUTES.
/// </summary>
internal sealed class VolumeRule(IWorkloadResolver workloads, WorkloadHealth health, IOptions<IncidentOptions> options) : IIncidentRule
{
    public string Problem => "volume";

    public IncidentSubject? Failure(EventLogEntry entry) =>
        entry.Event.Reason is "FailedMount" or "FailedAttachVolume" ? PodSubjects.Of(entry, workloads) : null;

    public IncidentSubject? Recovery(EventLogEntry entry) => entry.Event switch
    {
        { Reason: "SuccessfulAttachVolume" } e when e.Message.StartsWith("AttachVolume.Attach succeeded", StringComparison.Ordinal) => PodSubjects.Of(entry, workloads),
        { Reason: "SuccessfulMountVolume" } e when e.Message.StartsWith("MountVolume.SetUp succeeded", StringComparison.Ordinal) => PodSubjects.Of(entry, workloads),
        _ => null,
    };

    public bool RecoversPerPod => true;

    public TimeSpan? Hold(EventLogEntry entry) => options.Value.VolumeGrace;

    public string? Detail(EventLogEntry entry) =>
        entry.Event.Message.StartsWith("Multi-Attach error", StringComparison.Ordinal) ? "Multi-Attach"
        : entry.Event.Reason == "FailedAttachVolume" ? "attach"
        : "mount";

    public Task<Recheck> RecheckAsync(IncidentSubject subject, CancellationToken cancellationToken) => health.CheckAsync(subject, PodNeed.Running, cancellationToken);
}
