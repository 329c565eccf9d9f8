using System.Text.Json;
using GkeEventNotifier.Decoding;

namespace GkeEventNotifier.Filtering;

/// <summary>
/// The default filter of filters/default.filter, hand-written until the query-language evaluator replaces it.
/// Keep the two in step: the sink uses the file, the function uses this.
/// </summary>
internal sealed class BuiltInDefaultFilter : IEventFilter
{
    private static readonly string[] FailedNoise = ["cannot find volume", "\" not registered"];
    private static readonly string[] OomAgents = ["k8s_metadata", "google-fluentd", "otelsvc", "fluent-bit", "gke-metrics-agent"];
    private static readonly HashSet<string> ResourceTypes = new(StringComparer.Ordinal) { "k8s_pod", "k8s_node", "k8s_cluster" };

    public bool Matches(JsonElement logEntry)
    {
        if (logEntry.ValueKind != JsonValueKind.Object
            || !logEntry.GetStringOrEmpty("logName").EndsWith("/logs/events", StringComparison.Ordinal)
            || !ResourceTypes.Contains(logEntry.GetObjectOrDefault("resource").GetStringOrEmpty("type")))
        {
            return false;
        }

        var payload = logEntry.GetObjectOrDefault("jsonPayload");
        var message = payload.GetStringOrEmpty("message");
        var involved = payload.GetObjectOrDefault("involvedObject");
        return payload.GetStringOrEmpty("reason") switch
        {
            "Evicted" or "BackoffLimitExceeded" => true,
            "Failed" => !ContainsAny(message, FailedNoise),
            "ScaleDown" => involved.GetStringOrEmpty("kind") == "Pod" && involved.GetStringOrEmpty("namespace") != "kube-system",
            "OOMKilling" => !ContainsAny(message, OomAgents),
            _ => false,
        };
    }

    private static bool ContainsAny(string text, string[] needles) =>
        needles.Any(needle => text.Contains(needle, StringComparison.OrdinalIgnoreCase));
}
