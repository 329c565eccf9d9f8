using System.Text.Json;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// What an absent LogEntry field compares as. Google: a field the LogEntry type defines is "defaulted", and
/// "comparisons are performed as if the field were present and had its default value".
/// </summary>
internal static class DefaultValues
{
    private static readonly JsonElement Defaults = JsonDocument.Parse(
        """{"String":"","Integer":0,"Bool":false,"Severity":"DEFAULT","Timestamp":"1970-01-01T00:00:00Z","Duration":"0s"}""").RootElement;

    public static JsonElement For(FieldType type) => Defaults.GetProperty(type.ToString());
}
