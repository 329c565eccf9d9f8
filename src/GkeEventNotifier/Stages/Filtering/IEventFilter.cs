using System.Text.Json;

namespace GkeEventNotifier.Stages.Filtering;

/// <summary>
/// Decides whether a LogEntry deserves an alert. It sees the whole LogEntry JSON, as the Logs Router sink does,
/// so the same Cloud Logging query text can be used in both places. Must never throw.
/// </summary>
public interface IEventFilter
{
    bool Matches(JsonElement logEntry);
}
