using System.Text.Json;

namespace GkeEventNotifier.Stages.Decoding;

/// <summary>
/// One <see cref="Utf8JsonReader"/> pass over a LogEntry that notes the value at each path of an <see cref="EntryPaths"/>
/// and skips the rest. It accepts exactly the JSON <see cref="JsonDocument"/> accepts (same reader, same depth limit),
/// and gives up (false) where the document's answer could differ from a single value per path: a key that appears twice
/// in one object.
/// </summary>
internal static class EntryScanner
{
    /// <summary>False when the text is no JSON object, or a key on the paths is duplicated; <paramref name="values"/> then means nothing.</summary>
    public static bool TryScan(ReadOnlySpan<byte> json, EntryPaths paths, Span<ScannedValue> values, int maxDepth)
    {
        values.Clear();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !ReadObject(ref reader, paths, EntryPaths.Root, values) || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false; // the document's parse says what is wrong
        }

        Settle(paths, values);
        return true;
    }

    private static bool ReadObject(ref Utf8JsonReader reader, EntryPaths paths, int node, Span<ScannedValue> values)
    {
        var children = paths.ChildrenOf(node);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var child = Find(ref reader, paths, children);
            reader.Read();
            if (child == EntryPaths.Root)
            {
                reader.Skip();
                continue;
            }

            if (values[child].Kind != ScannedKind.Missing)
            {
                return false;
            }

            values[child] = ValueAt(ref reader);
            if (reader.TokenType == JsonTokenType.StartObject && paths.ChildrenOf(child).Count > 0)
            {
                if (!ReadObject(ref reader, paths, child, values))
                {
                    return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return true;
    }

    private static int Find(ref Utf8JsonReader reader, EntryPaths paths, List<int> children)
    {
        foreach (var child in children)
        {
            if (reader.ValueTextEquals(paths.NameOf(child)))
            {
                return child;
            }
        }

        return EntryPaths.Root;
    }

    private static ScannedValue ValueAt(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => new ScannedValue(ScannedKind.String, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.ValueIsEscaped),
        JsonTokenType.Number => new ScannedValue(ScannedKind.Number, (int)reader.TokenStartIndex, reader.ValueSpan.Length, Escaped: false),
        JsonTokenType.True => new ScannedValue(ScannedKind.True, 0, 0, Escaped: false),
        JsonTokenType.False => new ScannedValue(ScannedKind.False, 0, 0, Escaped: false),
        JsonTokenType.Null => new ScannedValue(ScannedKind.Null, 0, 0, Escaped: false),
        JsonTokenType.StartObject => new ScannedValue(ScannedKind.Object, 0, 0, Escaped: false),
        _ => new ScannedValue(ScannedKind.Array, 0, 0, Escaped: false),
    };

    /// <summary>A path below a value that is no object has no value, or fans out below an array (parents come before their children).</summary>
    private static void Settle(EntryPaths paths, Span<ScannedValue> values)
    {
        for (var node = 0; node < values.Length; node++)
        {
            var parent = paths.Parent(node);
            if (parent != EntryPaths.Root && values[parent].Kind is ScannedKind.Array or ScannedKind.FannedOut)
            {
                values[node] = values[node] with { Kind = ScannedKind.FannedOut };
            }
        }
    }
}
