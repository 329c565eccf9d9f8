using GkeEventNotifier.Tests.Fakes;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>
/// One end-to-end run: a fake Slack server, the function as a process pointed at it, and a topic in the emulator whose
/// push subscription delivers to the function. Disposing stops every process it started.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    public const string BotToken = "xoxb-e2e-secret-token-4711";

    private static int topics;

    private Scenario(PubSubEmulator emulator, FakeSlackServer slack, FunctionProcess function, OutsideTrap trap, string topic)
    {
        Emulator = emulator;
        Slack = slack;
        Function = function;
        Trap = trap;
        Topic = topic;
    }

    public PubSubEmulator Emulator { get; }

    public FakeSlackServer Slack { get; }

    public FunctionProcess Function { get; }

    public OutsideTrap Trap { get; }

    public string Topic { get; }

    public static async Task<Scenario> StartAsync(PubSubEmulator emulator, Func<FakeSlackServer, Dictionary<string, string?>>? settings = null, int ackDeadlineSeconds = 10)
    {
        var slack = await FakeSlackServer.StartAsync();
        var trap = new OutsideTrap();
        var environment = settings?.Invoke(slack) ?? BotTokenSettings(slack);
        var function = await FunctionProcess.StartAsync(environment, trap);
        var topic = $"gke-events-{Environment.ProcessId}-{Interlocked.Increment(ref topics)}";
        await emulator.CreatePushTopicAsync(topic, function.Port, ackDeadlineSeconds);
        return new Scenario(emulator, slack, function, trap, topic);
    }

    public static Dictionary<string, string?> BotTokenSettings(FakeSlackServer slack) => new()
    {
        ["SLACK_BOT_TOKEN"] = BotToken,
        ["SLACK_CHANNEL"] = "C0E2EALERTS",
        ["SLACK_API_URL"] = slack.ApiUri.AbsoluteUri,
        ["SLACK_TIMEOUT_SECONDS"] = "5",

        // These tests count Slack posts per event; thread grouping (replies, then only counter updates past the burst
        // threshold) has its own tests in Threads/, so it is off here.
        ["ALERT_GROUP_WINDOW_MINUTES"] = "0",
    };

    public Task<IReadOnlyList<string>> PublishAsync(params string[] entries) => Emulator.PublishAsync(Topic, entries);

    /// <summary>Waits until the function logged a final outcome (alerted, acknowledged, poison) for every message id.</summary>
    public async Task WaitForOutcomesAsync(IEnumerable<string> messageIds, TimeSpan timeout)
    {
        var waiting = messageIds.ToHashSet(StringComparer.Ordinal);
        if (await Eventually.TrueAsync(() => { waiting.ExceptWith(Function.Lines.Where(l => l.IsFinalOutcome).Select(l => l.MessageId!)); return waiting.Count == 0; }, timeout, TimeSpan.FromMilliseconds(200)))
        {
            return;
        }

        throw new TimeoutException($"{waiting.Count} message(s) not handled within {timeout.TotalSeconds:0} s, e.g. {waiting.First()}. Last log lines:\n" +
            string.Join("\n", Function.Lines.TakeLast(15).Select(l => l.Raw)));
    }

    /// <summary>What every end-to-end test also checks: no secret in any log line, nothing contacted outside loopback.</summary>
    public void AssertNoSecretsLoggedAndLoopbackOnly(params string[] secrets)
    {
        foreach (var secret in secrets.Append(BotToken))
        {
            Assert.DoesNotContain(Function.Lines, line => line.Raw.Contains(secret, StringComparison.Ordinal));
        }

        Assert.Equal(0, Trap.Connections);
    }

    public async ValueTask DisposeAsync()
    {
        await Function.DisposeAsync();
        await Slack.DisposeAsync();
        Trap.Dispose();
    }
}
