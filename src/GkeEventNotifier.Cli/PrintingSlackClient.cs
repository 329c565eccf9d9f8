using System.Text.Json;
using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Cli;

/// <summary>Prints each message for a person (readable text) or a program (the Slack payload as JSON, one per line).</summary>
internal sealed class PrintingSlackClient(TextWriter output, bool json) : ISlackClient
{
    public bool IsConnected => false;

    public async Task<SlackPostResult> PostAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        var text = json
            ? JsonSerializer.Serialize(message, SlackJsonContext.Default.SlackMessage)
            : ReadableText.Of(message) + Environment.NewLine;
        await output.WriteLineAsync(text.AsMemory(), cancellationToken);
        return SlackPostResult.Unknown;
    }

    public Task<SlackPostResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        PostAsync(message, cancellationToken);

    public Task<IReadOnlyList<SlackHistoryMessage>> HistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SlackHistoryMessage>>([]);
}
