using System.Text.Json;

namespace GkeEventNotifier.Model;

/// <summary>An event that passed the filter, with what the enrichers found: everything the renderer needs.</summary>
public sealed record Alert(EventLogEntry Entry, IReadOnlyList<Finding> Findings)
{
    /// <summary>How many times this Kubernetes event has been seen in the current window (shown as "seen N times" when above 1).</summary>
    public int Occurrences { get; init; } = 1;

    /// <summary>Characters of the event message an alert keeps while it waits: far more than any rendering shows.</summary>
    public const int MaxKeptMessageLength = 16 * 1024;

    private static readonly JsonElement NoLogEntry = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// The alert as kept while it waits for a burst summary: without the LogEntry's JSON (filtering and routing are
    /// done) and with the message cut to what a rendering can show, so hundreds of waiting alerts of 500 KB messages
    /// hold kilobytes each, not megabytes. Renders exactly as the alert itself.
    /// </summary>
    public Alert Kept()
    {
        var message = Entry.Event.Message;
        var cut = message.Length <= MaxKeptMessageLength ? message
            : message[..(char.IsHighSurrogate(message[MaxKeptMessageLength - 1]) ? MaxKeptMessageLength - 1 : MaxKeptMessageLength)];
        return this with { Entry = Entry with { Raw = NoLogEntry, Event = Entry.Event with { Message = cut } } };
    }
}
