using System.Globalization;
using System.Text.Json;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>Visits the values a field path reaches. Arrays fan out: each element is compared, and any match counts (Google's rule).</summary>
internal static class JsonTraversal
{
    public static bool AnyLeaf<TVisitor>(JsonElement node, FieldPath path, int segment, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor
    {
        if (segment == path.Segments.Count)
        {
            return node.ValueKind == JsonValueKind.Array ? AnyElement(node, path, segment, ref visitor) : visitor.Visit(node);
        }

        return node.ValueKind switch
        {
            JsonValueKind.Object => TryGetChild(node, path.Segments[segment], path.CaseInsensitiveKeys, out var child)
                                    && AnyLeaf(child, path, segment + 1, ref visitor),
            JsonValueKind.Array => TryIndex(node, path.Segments[segment], out var element)
                ? AnyLeaf(element, path, segment + 1, ref visitor)
                : AnyElement(node, path, segment, ref visitor),
            _ => false,
        };
    }

    /// <summary>
    /// Follows <paramref name="path"/> through objects: the value at its end, Undefined when a segment is missing (where
    /// <see cref="AnyLeaf{TVisitor}"/> visits nothing), or false when an array is on the way, where that walk fans out.
    /// <see cref="AnyLeaf{TVisitor}"/> from the value with every segment consumed then visits what the walk would.
    /// </summary>
    public static bool TryResolveObjects(JsonElement entry, FieldPath path, out JsonElement node)
    {
        node = entry;
        for (var segment = 0; segment < path.Segments.Count; segment++)
        {
            switch (node.ValueKind)
            {
                case JsonValueKind.Array:
                    return false;
                case JsonValueKind.Object when TryGetChild(node, path.Segments[segment], path.CaseInsensitiveKeys, out var child):
                    node = child;
                    break;
                default:
                    node = default;
                    return true;
            }
        }

        return true;
    }

    /// <summary>Does any string, number or Boolean anywhere below <paramref name="node"/> contain the value? (has on a message, global restrictions).</summary>
    public static bool ContainsAnywhere(JsonElement node, string value)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    if (ContainsAnywhere(property.Value, value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var element in node.EnumerateArray())
                {
                    if (ContainsAnywhere(element, value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                using (var text = LeafText.Of(node))
                {
                    return TextFolding.Contains(text.Span, value);
                }

            default:
                return false;
        }
    }

    private static bool AnyElement<TVisitor>(JsonElement array, FieldPath path, int segment, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor
    {
        foreach (var element in array.EnumerateArray())
        {
            if (AnyLeaf(element, path, segment, ref visitor))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryGetChild(JsonElement node, string name, bool caseInsensitive, out JsonElement child)
    {
        if (node.TryGetProperty(name, out child) || !caseInsensitive)
        {
            return child.ValueKind != JsonValueKind.Undefined;
        }

        foreach (var property in node.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                child = property.Value;
                return true;
            }
        }

        return false;
    }

    private static bool TryIndex(JsonElement array, string segment, out JsonElement element)
    {
        element = default;
        if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= array.GetArrayLength())
        {
            return false;
        }

        element = array[index];
        return true;
    }
}
