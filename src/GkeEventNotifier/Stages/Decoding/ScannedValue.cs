namespace GkeEventNotifier.Stages.Decoding;

/// <summary>
/// What one reader pass found at a path of <see cref="EntryPaths"/>: the JSON value's kind and, for a string or a
/// number, where its raw UTF-8 is in the entry (a string's without its quotes, still escaped when <see cref="Escaped"/>).
/// </summary>
internal readonly record struct ScannedValue(ScannedKind Kind, int Start, int Length, bool Escaped);

/// <summary>The kind of value at a path, as the entry's document would show it.</summary>
internal enum ScannedKind : byte
{
    /// <summary>No value: a key on the way is absent, or a value on the way is no object.</summary>
    Missing,
    String,
    Number,
    True,
    False,
    Null,
    Object,
    Array,

    /// <summary>An array on the way: the path reaches into each of its elements, which one pass does not follow.</summary>
    FannedOut,
}
