using System.Text.Json;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>One structured log line the function wrote to stdout (Cloud Logging's JSON format), or the raw text if it was not JSON.</summary>
public sealed record FunctionLogLine(string Raw, string Severity, string Message, string? MessageId)
{
    public static FunctionLogLine Parse(string raw)
    {
        try
        {
            using var json = JsonDocument.Parse(raw);
            var root = json.RootElement;
            string? messageId = root.TryGetProperty("logging.googleapis.com/labels", out var labels) && labels.TryGetProperty(nameof(MessageId), out var id) ? id.GetString() : null;
            return new FunctionLogLine(raw, Text(root, "severity"), Text(root, "message"), messageId);
        }
        catch (JsonException)
        {
            return new FunctionLogLine(raw, "", raw, null);
        }
    }

    /// <summary>The message's delivery ended here: alerted, summarised, acknowledged or poison (not "kept for retry").</summary>
    public bool IsFinalOutcome => MessageId is not null && !Message.Contains("kept for retry", StringComparison.Ordinal);

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
