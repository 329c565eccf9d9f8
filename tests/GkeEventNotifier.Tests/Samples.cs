using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GkeEventNotifier.Tests;

/// <summary>The repository's samples/ (copied next to the tests) and helpers to wrap an entry the way Pub/Sub delivers it.</summary>
internal static class Samples
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "samples");

    public static string Path_(string relative) => Path.Combine(Directory, relative);

    public static IEnumerable<string> EntryNames(string prefix) =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "entries"), prefix + "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;

    public static string Entry(string name) => File.ReadAllText(Path.Combine(Directory, "entries", name + ".json"));

    public static JsonObject EntryNode(string name) => JsonNode.Parse(Entry(name))!.AsObject();

    public static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    /// <summary>The MessagePublishedData / push body Eventarc and Pub/Sub send, for a LogEntry (or any data) as JSON text.</summary>
    public static string PushBody(string logEntryJson, string messageId = "8812345678901234") =>
        PushBodyWithData(Base64(logEntryJson), messageId);

    public static string PushBodyWithData(string base64Data, string messageId = "8812345678901234") =>
        JsonSerializer.Serialize(new
        {
            message = new Dictionary<string, object>
            {
                ["attributes"] = new Dictionary<string, string> { ["logging.googleapis.com/timestamp"] = "2026-11-20T13:03:27.000000001Z" },
                ["data"] = base64Data,
                ["messageId"] = messageId,
                ["publishTime"] = "2026-11-20T13:03:28.613Z",
            },
            subscription = "projects/test-project/subscriptions/eventarc-europe-west1-gke-events-sub-123",
        });
}
