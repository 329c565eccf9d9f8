using GkeEventNotifier.Adapters.Logging;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Adapters.Slack;

/// <summary>
/// The embedded default when no Slack setting is given: each message is printed to stdout as one structured log line
/// (readable text in <c>message</c>, the exact Slack payload in <c>slackMessage</c>), so Cloud Logging keeps both.
/// </summary>
internal sealed class ConsoleSlackClient(TextWriter output) : ISlackClient
{
    private readonly Lock gate = new();

    public bool IsConnected => false;

    public Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        var line = Format(message);
        lock (gate)
        {
            line.WriteLineTo(output);
            output.Flush();
        }

        return Task.FromResult(SlackPostResult.Unknown);
    }

    /// <summary>The console has no message ids, so threads never update; printing the update keeps it visible anyway.</summary>
    public Task<SlackPostResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        PostAsync(message, cancellationToken);

    public Task<IReadOnlyList<SlackHistoryMessage>> HistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SlackHistoryMessage>>([]);

    private static JsonLine Format(SlackMessage message)
    {
        var line = JsonLine.Start();
        var writer = line.Writer;
        writer.WriteStartObject();
        writer.WriteString("severity", "NOTICE");
        writer.WriteString("message", ReadableText.Of(message));
        writer.WritePropertyName("slackMessage");
        SlackMessageJson.Write(writer, message);
        writer.WriteEndObject();
        return line;
    }
}
