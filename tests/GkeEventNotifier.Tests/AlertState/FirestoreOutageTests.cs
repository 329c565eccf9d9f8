using System.Net;
using System.Net.Sockets;
using GkeEventNotifier.Tests.EndToEnd;
using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Host;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.AlertState;

/// <summary>
/// Firestore slow or down: after STATE_TIMEOUT_SECONDS the event is handled with the instance's memory, the alert still
/// goes out, one WARNING says so (not one per event), and the start-up report names the shared state.
/// </summary>
[Collection(FirestoreEmulatorTestGroup.Name)]
public sealed class FirestoreOutageTests(FirestoreEmulatorFixture fixture) : IAsyncLifetime
{
    private const string FallbackWarning = "The shared alert state is unavailable";
    private FakeSlackServer slack = null!;

    public async Task InitializeAsync() => slack = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync() => await slack.DisposeAsync();

    [Fact]
    public async Task FirestoreThatNeverAnswers_AlertsStillGoOut_AfterTheTimeout_WithOneWarning()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections (the kernel's backlog) and never answers
        await using var function = Function($"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await SendAsync(function, $"silent-{i}"));
        }

        Assert.Equal(3, slack.Requests.Count(r => r.Path == "/api/chat.postMessage"));
        var logs = function.Logs.GetSnapshot();
        Assert.Single(logs, r => r.Level == LogLevel.Warning && r.Message.StartsWith(FallbackWarning, StringComparison.Ordinal));
        Assert.Contains(logs, r => r.Message.StartsWith("Alert state: Firestore (the emulator at 127.0.0.1:", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task FirestoreStoppedMidStream_AlertsStillGoOut_AndRedeliveriesBeforeTheStopStayDuplicates()
    {
        var emulator = fixture.Emulator();
        await using var function = Function(emulator.HostPort, timeoutSeconds: 5); // a refused connection falls back at once
        try
        {
            Assert.Equal(HttpStatusCode.OK, await SendAsync(function, "before-stop"));
            Assert.Equal(HttpStatusCode.OK, await SendAsync(function, "before-stop"));
            Assert.DoesNotContain(function.Logs.GetSnapshot(), r => r.Message.StartsWith(FallbackWarning, StringComparison.Ordinal));

            await emulator.StopAsync();
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, await SendAsync(function, $"after-stop-{i}"));
            }

            Assert.Equal(HttpStatusCode.OK, await SendAsync(function, "after-stop-0"));
        }
        finally
        {
            await emulator.StopAsync();
            await emulator.RestartAsync();
        }

        var posts = slack.Requests.Where(r => r.Path == "/api/chat.postMessage").ToList();
        Assert.Equal(4, posts.Count);
        Assert.Single(function.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.StartsWith(FallbackWarning, StringComparison.Ordinal));
    }

    private FunctionFactory Function(string firestoreHost, int timeoutSeconds = 1) =>
        new(new Dictionary<string, string?>(FakeSlackServerSettings.BotToken(slack).Settings)
        {
            ["ALERT_STATE"] = "firestore",
            ["FIRESTORE_EMULATOR_HOST"] = firestoreHost,
            ["FIRESTORE_PROJECT"] = FirestoreEmulator.Project,
            ["STATE_TIMEOUT_SECONDS"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>A distinct Evicted event per name; the same name again is a Pub/Sub redelivery of the same message.</summary>
    private static async Task<HttpStatusCode> SendAsync(FunctionFactory function, string name) =>
        (await function.CreateClient().SendAsync(HttpRequests.BinaryCloudEvent(
            Samples.PushBody(TestEntries.Distinct("keep-evicted", name), "msg-" + TestEntries.Uid("message", name))))).StatusCode;
}
