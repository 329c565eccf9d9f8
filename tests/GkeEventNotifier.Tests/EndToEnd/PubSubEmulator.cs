using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>
/// The real Pub/Sub emulator (<c>gcloud beta emulators pubsub start</c>) on a free loopback port, with its own gcloud
/// configuration directory, and the REST calls a Logs Router sink and Eventarc make against it.
/// </summary>
public sealed class PubSubEmulator : IAsyncDisposable
{
    public const string Project = "test-project";

    private readonly Process process;
    private readonly string configDirectory;
    private readonly HttpClient http;

    private PubSubEmulator(Process process, string configDirectory, int port)
    {
        this.process = process;
        this.configDirectory = configDirectory;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/v1/projects/{Project}/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<PubSubEmulator> StartAsync()
    {
        var port = FreePort.Next();
        var config = Directory.CreateTempSubdirectory("gke-events-gcloud-").FullName;
        var process = ProcessGroup.Start(
            "gcloud",
            ["beta", "emulators", "pubsub", "start", $"--host-port=127.0.0.1:{port}", $"--project={Project}", "--quiet"],
            new Dictionary<string, string?> { ["CLOUDSDK_CONFIG"] = config, ["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1" });
        var output = ProcessOutput.Capture(process);
        var emulator = new PubSubEmulator(process, config, port);
        try
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(90), () => process.HasExited);
            return emulator;
        }
        catch (TimeoutException e)
        {
            await emulator.DisposeAsync();
            throw new InvalidOperationException($"The Pub/Sub emulator did not start: {e.Message}. Its output:\n{output}", e);
        }
    }

    /// <summary>A topic and an Eventarc-style push subscription to the function at <paramref name="functionPort"/>.</summary>
    public async Task CreatePushTopicAsync(string topic, int functionPort, int ackDeadlineSeconds = 10)
    {
        (await http.PutAsync($"topics/{topic}", null)).EnsureSuccessStatusCode();
        var subscription = new JsonObject
        {
            ["topic"] = $"projects/{Project}/topics/{topic}",
            ["pushConfig"] = new JsonObject { ["pushEndpoint"] = $"http://127.0.0.1:{functionPort}/projects/{Project}/topics/{topic}" },
            ["ackDeadlineSeconds"] = ackDeadlineSeconds,
        };
        (await http.PutAsJsonAsync($"subscriptions/{topic}-push", subscription)).EnsureSuccessStatusCode();
    }

    /// <summary>Publishes as a Logs Router sink does: data = the LogEntry JSON, attribute logging.googleapis.com/timestamp. Returns the message ids.</summary>
    public async Task<IReadOnlyList<string>> PublishAsync(string topic, IEnumerable<string> logEntries)
    {
        var messages = new JsonArray();
        foreach (var entry in logEntries)
        {
            var timestamp = JsonNode.Parse(entry)?["timestamp"]?.GetValue<string>() ?? "2026-11-20T09:14:03Z";
            messages.Add(new JsonObject
            {
                ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(entry)),
                ["attributes"] = new JsonObject { ["logging.googleapis.com/timestamp"] = timestamp },
            });
        }

        return await PublishRawAsync(topic, messages);
    }

    public async Task<IReadOnlyList<string>> PublishRawAsync(string topic, JsonArray messages)
    {
        var response = await http.PostAsJsonAsync($"topics/{topic}:publish", new JsonObject { ["messages"] = messages });
        response.EnsureSuccessStatusCode();
        var ids = (await response.Content.ReadFromJsonAsync<JsonObject>())!["messageIds"]!.AsArray();
        return ids.Select(id => id!.GetValue<string>()).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await ProcessGroup.StopAsync(process);
        process.Dispose();
        ProcessOutput.DeleteQuietly(configDirectory);
    }
}
