using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GkeEventNotifier.Tests.Incidents;

/// <summary>
/// The published function (its real host, in memory) on a fake clock, posting to a fake Slack with a bot token and
/// reading a fake Kubernetes API through a kubeconfig: what an incident's life looks like from the outside.
/// </summary>
public abstract class IncidentScenario : IAsyncLifetime
{
    private static int messageIds = 7000;
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("incidents-");
    private readonly List<FunctionFactory> functions = [];

    protected static readonly DateTimeOffset Start = new(2026, 11, 20, 11, 20, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    protected FakeSlackServer Slack { get; private set; } = null!;

    protected FakeKubernetesApi Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlackServer.StartAsync();
        Slack.Clock = Time.GetUtcNow;
        Cluster = await FakeKubernetesApi.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var function in functions)
        {
            await function.DisposeAsync();
        }

        await Slack.DisposeAsync();
        await Cluster.DisposeAsync();
        directory.Delete(recursive: true);
    }

    /// <summary>A function instance; a second one over the same Slack and cluster is a cold start with nothing in memory but the alert state.</summary>
    private protected FunctionFactory Function(IReadOnlyDictionary<string, string?>? extra = null, bool webhook = false)
    {
        var settings = new Dictionary<string, string?>((webhook ? FakeSlackServerSettings.Webhook(Slack) : FakeSlackServerSettings.BotToken(Slack)).Settings)
        {
            [KubernetesOptions.KubeconfigVariable] = Cluster.WriteKubeconfig(directory.FullName),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var function = new FunctionFactory(settings, services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.Configure<Model.Slack.SlackOptions>(o => o.BaseRetryDelay = TimeSpan.FromMilliseconds(20));
        });
        functions.Add(function);
        return function;
    }

    /// <summary>Moves the clock to the event's time and posts it to the function as Eventarc would.</summary>
    private protected async Task<HttpStatusCode> SendAsync(FunctionFactory function, JsonObject entry)
    {
        if (DateTimeOffset.Parse(entry["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) is var at && at > Time.GetUtcNow())
        {
            Time.SetUtcNow(at);
        }

        return await PostAsync(function, Samples.PushBody(entry.ToJsonString(), NextId()));
    }

    /// <summary>What the Cloud Scheduler job publishes: no data, the attribute <c>gke-events-sweep=1</c>.</summary>
    private protected async Task<HttpStatusCode> SweepAsync(FunctionFactory function, DateTimeOffset at)
    {
        Time.SetUtcNow(at);
        var body = JsonSerializer.Serialize(new
        {
            message = new Dictionary<string, object>
            {
                ["attributes"] = new Dictionary<string, string> { ["gke-events-sweep"] = "1" },
                ["messageId"] = NextId(),
                ["publishTime"] = at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
            subscription = "projects/acme-shop-prod/subscriptions/eventarc-europe-west1-gke-events-sub-123",
        });
        return await PostAsync(function, body);
    }

    /// <summary>Every chat.postMessage text, in order.</summary>
    protected IReadOnlyList<string> Posts() =>
        Slack.Calls("chat.postMessage").Select(r => r.Json!.Value.GetProperty("text").GetString()!).ToList();

    protected IReadOnlyList<JsonElement> PostBodies() => Slack.Calls("chat.postMessage").Select(r => r.Json!.Value).ToList();

    protected IReadOnlyList<string> NamespacePodLists() =>
        ReadsBeyondTheAlerts().Where(r => r.StartsWith("/api/v1/namespaces/", StringComparison.Ordinal)).ToList();

    /// <summary>The cluster reads other than each pod alert's own owner look-up (one pod by name), which every pod alert makes.</summary>
    protected IReadOnlyList<string> ReadsBeyondTheAlerts() =>
        Cluster.Requests.Where(r => !r.Contains("?fieldSelector=metadata.name%3D", StringComparison.Ordinal) && !r.StartsWith("/apis/apps/v1/namespaces/", StringComparison.Ordinal)).ToList();

    private static async Task<HttpStatusCode> PostAsync(FunctionFactory function, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await function.CreateClient().PostAsync(new Uri("/", UriKind.Relative), content);
        return response.StatusCode;
    }

    private static string NextId() => Interlocked.Increment(ref messageIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
