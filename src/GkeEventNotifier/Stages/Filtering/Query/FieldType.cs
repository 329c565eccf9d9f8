namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>How a field's value is compared. Fields of the LogEntry type have a fixed type; payload fields take theirs from the JSON value.</summary>
internal enum FieldType
{
    /// <summary>jsonPayload, labels and the like: string, number (double) or bool, as the JSON value says.</summary>
    Dynamic,
    String,
    Integer,
    Bool,
    Severity,
    Timestamp,
    Duration,
    /// <summary>A nested message such as <c>resource</c> or <c>httpRequest</c>: only has (<c>:</c>) and presence apply.</summary>
    Message,
}
