using System.Text.Json;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Stages.Filtering;

/// <summary>
/// Decides whether a LogEntry deserves an alert. It sees the whole LogEntry JSON, as the Logs Router sink does,
/// so the same Cloud Logging query text can be used in both places. Must never throw.
/// </summary>
public interface IEventFilter
{
    bool Matches(JsonElement logEntry);

    /// <summary>
    /// True only when <see cref="Matches"/> would be false for this entry and the entry is a Kubernetes event, decided
    /// without its parsed document (one reader pass over its bytes); false when the filter keeps it or cannot tell that
    /// way, and <see cref="Matches"/> decides. A filter without such a pass says false.
    /// </summary>
    bool DropsUnparsed(ParsedLogEntry entry) => false;
}
