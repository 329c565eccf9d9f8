using GkeEventNotifier.Tests.AlertState;
using GkeEventNotifier.Tests.Fakes;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>
/// Three function processes on one Firestore (the emulator) behind a round-robin proxy that the push subscription points
/// at, and one fake Slack: several instances as Cloud Run runs them. Each scenario has a Firestore project of its own.
/// </summary>
public sealed class SharedStateScenario : IAsyncDisposable
{
    public const int Instances = 3;
    private static int scenarios;

    private SharedStateScenario(PubSubEmulator emulator, FakeSlackServer slack, IReadOnlyList<FunctionProcess> functions, RoundRobinProxy proxy, OutsideTrap trap, string topic)
    {
        Emulator = emulator;
        Slack = slack;
        Functions = functions;
        Proxy = proxy;
        Trap = trap;
        Topic = topic;
    }

    public PubSubEmulator Emulator { get; }

    public FakeSlackServer Slack { get; }

    public IReadOnlyList<FunctionProcess> Functions { get; }

    public RoundRobinProxy Proxy { get; }

    public OutsideTrap Trap { get; }

    public string Topic { get; }

    public IEnumerable<FunctionLogLine> Lines => Functions.SelectMany(function => function.Lines);

    public static async Task<SharedStateScenario> StartAsync(PubSubEmulator emulator, FirestoreEmulator firestore)
    {
        var n = Interlocked.Increment(ref scenarios);
        var slack = await FakeSlackServer.StartAsync();
        var trap = new OutsideTrap();
        var settings = Scenario.BotTokenSettings(slack);
        settings["ALERT_STATE"] = "firestore";
        settings["FIRESTORE_EMULATOR_HOST"] = firestore.HostPort;
        settings["FIRESTORE_PROJECT"] = $"shared-state-{Environment.ProcessId % 100_000}-{n}";
        settings["STATE_LEASE_SECONDS"] = "10"; // a killed instance's claims lapse within the test's patience
        settings["STATE_TIMEOUT_SECONDS"] = "20"; // a loaded CI machine must not fall back to memory: that could double
        settings["SLACK_MESSAGE_INTERVAL_MS"] = $"{1000 * Instances}"; // pacing is per instance: N instances share Slack's one message a second
        var functions = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => FunctionProcess.StartAsync(settings, trap)));
        var proxy = await RoundRobinProxy.StartAsync(functions.Select(f => f.Port).ToList());
        var topic = $"shared-state-{Environment.ProcessId}-{n}";
        await emulator.CreatePushTopicAsync(topic, proxy.Port);
        return new SharedStateScenario(emulator, slack, functions, proxy, trap, topic);
    }

    public Task<IReadOnlyList<string>> PublishAsync(IEnumerable<string> entries) => Emulator.PublishAsync(Topic, entries);

    /// <summary>Waits until some instance logged a final outcome for every message id.</summary>
    public async Task WaitForOutcomesAsync(IEnumerable<string> messageIds, TimeSpan timeout)
    {
        var waiting = messageIds.ToHashSet(StringComparer.Ordinal);
        if (await Eventually.TrueAsync(() => { waiting.ExceptWith(Lines.Where(l => l.IsFinalOutcome).Select(l => l.MessageId!)); return waiting.Count == 0; }, timeout, TimeSpan.FromMilliseconds(250)))
        {
            return;
        }

        throw new TimeoutException($"{waiting.Count} message(s) not handled within {timeout.TotalSeconds:0} s, e.g. {waiting.First()}. Last log lines:\n" +
            string.Join("\n", Lines.TakeLast(20).Select(l => l.Raw)));
    }

    /// <summary>Posts a push body through the proxy, as Pub/Sub redelivering a message does.</summary>
    public async Task<System.Net.HttpStatusCode> RedeliverAsync(string entry, string messageId)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var content = new StringContent(Samples.PushBody(entry, messageId), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{Proxy.Port}/"), content);
        return response.StatusCode;
    }

    /// <summary>Delivered Slack posts (alerts, replies and summaries) that name <paramref name="name"/>.</summary>
    public int PostsNaming(string name) =>
        Slack.Delivered.Count(r => r.Path == "/api/chat.postMessage" && r.Text.Contains(name, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        foreach (var function in Functions)
        {
            await function.DisposeAsync();
        }

        await Slack.DisposeAsync();
        Trap.Dispose();
    }
}
