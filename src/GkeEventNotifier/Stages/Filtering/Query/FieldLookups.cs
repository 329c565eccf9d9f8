using System.Runtime.CompilerServices;
using System.Text.Json;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// The fields one evaluation has looked up. A filter compares the same field many times (the default one reads
/// <c>jsonPayload.reason</c> in most of its terms): each path through objects only is looked up once per entry. A path
/// that meets an array on the way is not kept, since arrays fan out (<see cref="JsonTraversal"/> walks those each time).
/// </summary>
internal struct FieldLookups
{
    private const int Capacity = 8;

    private Slots slots;
    private int count;

    /// <summary>
    /// The value at the end of <paramref name="path"/>'s objects (Undefined when a segment is missing), or false when the
    /// path crosses an array and has to be walked.
    /// </summary>
    public bool TryResolve(JsonElement entry, FieldPath path, out JsonElement node)
    {
        for (var i = 0; i < count; i++)
        {
            if (ReferenceEquals(slots[i].Path, path) || SamePath(slots[i].Path!, path))
            {
                node = slots[i].Node;
                return true;
            }
        }

        if (!JsonTraversal.TryResolveObjects(entry, path, out node))
        {
            return false;
        }

        if (count < Capacity)
        {
            slots[count++] = new Slot(path, node);
        }

        return true;
    }

    private static bool SamePath(FieldPath kept, FieldPath path)
    {
        if (kept.CaseInsensitiveKeys != path.CaseInsensitiveKeys || kept.Segments.Count != path.Segments.Count)
        {
            return false;
        }

        for (var i = 0; i < path.Segments.Count; i++)
        {
            if (!string.Equals(kept.Segments[i], path.Segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Slot(FieldPath? Path, JsonElement Node);

    [InlineArray(Capacity)]
    private struct Slots
    {
        private Slot first;
    }
}
