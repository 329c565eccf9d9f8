using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Adapters.State.Firestore;

/// <summary>
/// A <see cref="StateRecord"/> as a Firestore REST v1 document: one typed field per record field (stringValue,
/// integerValue, booleanValue, timestampValue, arrayValue of strings) and <c>expireAt</c>, the field the TTL policy reads.
/// </summary>
internal static class FirestoreDocument
{
    public const string ExpireAtField = "expireAt";

    /// <summary>The <c>fields</c> object of a document, written into an open JSON object.</summary>
    public static void WriteFields(Utf8JsonWriter json, StateRecord record)
    {
        json.WriteStartObject("fields");
        json.WriteStartObject(ExpireAtField);
        json.WriteString("timestampValue", Timestamp(record.ExpireAt));
        json.WriteEndObject();
        foreach (var (name, value) in record.Fields)
        {
            json.WriteStartObject(name);
            WriteValue(json, value);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>The record and its version (<c>updateTime</c>) from a document as Firestore returns it.</summary>
    public static (StateRecord Record, string Version) Read(JsonElement document)
    {
        var version = document.GetProperty("updateTime").GetString() ?? throw new JsonException("document without updateTime");
        var fields = document.TryGetProperty("fields", out var f) ? f : default;
        var expireAt = fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(ExpireAtField, out var e) ? ReadTime(e) : DateTimeOffset.UnixEpoch;
        var record = StateRecord.Expiring(expireAt);
        if (fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fields.EnumerateObject().Where(field => field.Name != ExpireAtField))
            {
                record = With(record, field.Name, field.Value);
            }
        }

        return (record, version);
    }

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case string text:
                json.WriteString("stringValue", text);
                break;
            case long number:
                json.WriteString("integerValue", number.ToString(CultureInfo.InvariantCulture));
                break;
            case bool flag:
                json.WriteBoolean("booleanValue", flag);
                break;
            case DateTimeOffset time:
                json.WriteString("timestampValue", Timestamp(time));
                break;
            case ImmutableArray<string> list:
                json.WriteStartObject("arrayValue");
                json.WriteStartArray("values");
                foreach (var item in list)
                {
                    json.WriteStartObject();
                    json.WriteString("stringValue", item);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException($"a state field of type {value.GetType().Name} has no Firestore form");
        }
    }

    private static StateRecord With(StateRecord record, string name, JsonElement value)
    {
        if (value.TryGetProperty("stringValue", out var text))
        {
            return record.With(name, text.GetString());
        }

        if (value.TryGetProperty("integerValue", out var number))
        {
            return record.With(name, long.Parse(number.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (value.TryGetProperty("booleanValue", out var flag))
        {
            return record.With(name, flag.GetBoolean());
        }

        if (value.TryGetProperty("timestampValue", out _))
        {
            return record.With(name, ReadTime(value));
        }

        if (value.TryGetProperty("arrayValue", out var array))
        {
            var items = array.TryGetProperty("values", out var values) ? values.EnumerateArray().Select(item => item.GetProperty("stringValue").GetString() ?? "") : [];
            return record.With(name, items);
        }

        return record; // a field of another type (added by hand): not ours to read
    }

    private static DateTimeOffset ReadTime(JsonElement value) =>
        Rfc3339.TryParse(value.GetProperty("timestampValue").GetString(), out var time) ? time : throw new JsonException("unreadable timestampValue");

    /// <summary>UTF-8 JSON built by <paramref name="write"/>.</summary>
    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.ToArray();
    }
}
