using System.Text.Json;

namespace GkeEventNotifier.Stages.Decoding;

/// <summary>Lenient reads for JSON written by others: a missing or mistyped field reads as absent, never throws.</summary>
internal static class JsonElementExtensions
{
    public static string GetStringOrEmpty(this JsonElement element, string name) => element.GetStringOrNull(name) ?? "";

    public static string? GetStringOrNull(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement GetObjectOrDefault(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    public static bool TryGetMember(this JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return element.TryGetProperty(name, out value);
        }

        value = default;
        return false;
    }
}
