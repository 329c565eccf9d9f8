using System.Text.Json;
using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Tests.Slack;

/// <summary>
/// Console mode prints each message as one JSON line: severity NOTICE, the readable text, and the exact payload Slack
/// would have been sent, so what is printed is what would be posted, whatever was printed before it.
/// </summary>
public sealed class ConsoleSlackClientTests
{
    [Fact]
    public async Task EachPrintedLine_IsTheReadableTextAndTheExactSlackPayload_EvenAfterALargerMessage()
    {
        using var output = new StringWriter();
        var client = new ConsoleSlackClient(output);
        var large = TestAlerts.Message(new string('m', 20_000));
        var small = TestAlerts.Message("The node was low on resource: memory.");

        await client.PostAsync(large, CancellationToken.None);
        await client.PostAsync(small, CancellationToken.None);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        AssertPrinted(large, lines[0]);
        AssertPrinted(small, lines[1]);
    }

    private static void AssertPrinted(SlackMessage message, string line)
    {
        using var json = JsonDocument.Parse(line);
        Assert.Equal(["severity", "message", "slackMessage"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("NOTICE", json.RootElement.GetProperty("severity").GetString());
        Assert.Equal(ReadableText.Of(message), json.RootElement.GetProperty("message").GetString());
        using var payload = JsonDocument.Parse(JsonSerializer.Serialize(message, SlackJsonContext.Default.SlackMessage));
        Assert.True(JsonElement.DeepEquals(payload.RootElement, json.RootElement.GetProperty("slackMessage")));
    }
}
