using System.Text.Json.Nodes;
using k8s.Models;

namespace GkeEventNotifier.Tests;

/// <summary>TestEntries for CronJobs: the events and Jobs of one CronJob (billing/invoice-export), shaped as GKE and the API server write them.</summary>
internal static partial class TestEntries
{
    public const string CronJobNamespace = "billing";
    public const string CronJob = "invoice-export";

    public static string JobName(int run) => $"{CronJob}-{29376540 + (run * 60)}";

    /// <summary>The Job controller's failure event on a Job (BackoffLimitExceeded or DeadlineExceeded).</summary>
    public static JsonObject JobFailed(int run, string reason = "BackoffLimitExceeded")
    {
        var entry = Samples.EntryNode("keep-backofflimitexceeded");
        var payload = entry["jsonPayload"]!;
        payload["reason"] = reason;
        payload["message"] = reason == "DeadlineExceeded" ? "Job was active longer than specified deadline" : "Job has reached the specified backoff limit";
        payload["involvedObject"]!["name"] = JobName(run);
        payload["involvedObject"]!["uid"] = Guid.NewGuid().ToString();
        payload["metadata"]!["uid"] = Guid.NewGuid().ToString();
        entry["insertId"] = Guid.NewGuid().ToString("N")[..15];
        return entry;
    }

    /// <summary>The CronJob controller's SawCompletedJob event on the CronJob.</summary>
    public static JsonObject CronJobSawCompleted(int run, string status = "Complete")
    {
        var entry = JobFailed(run);
        var payload = entry["jsonPayload"]!;
        payload["reason"] = "SawCompletedJob";
        payload["type"] = "Normal";
        payload["message"] = $"Saw completed job: {JobName(run)}, status: {status}";
        payload["source"] = new JsonObject { ["component"] = "cronjob-controller" };
        payload["involvedObject"]!["kind"] = "CronJob";
        payload["involvedObject"]!["name"] = CronJob;
        entry["severity"] = "INFO";
        return entry;
    }

    public static V1Job CronJobRun(int run, DateTimeOffset started, TimeSpan took, bool succeeded) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta
        {
            Name = JobName(run),
            NamespaceProperty = CronJobNamespace,
            OwnerReferences = [new V1OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = CronJob, Uid = "5c0f1e2d-0000-4000-8000-00000000c0de", Controller = true }],
        },
        Status = new V1JobStatus
        {
            StartTime = started.UtcDateTime,
            CompletionTime = succeeded ? (started + took).UtcDateTime : null,
            Conditions = [new V1JobCondition { Status = "True", Type = succeeded ? "Complete" : "Failed", LastTransitionTime = (started + took).UtcDateTime }],
        },
    };
}
