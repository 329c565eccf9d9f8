namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// Google compares strings after NFKC case folding. Here: ordinal comparison ignoring case, which is Unicode simple
/// case folding (<c>É</c> equals <c>é</c>). NFKC's compatibility mappings (full-width letters, ligatures) are not
/// applied: the project runs with invariant globalization, where .NET has no normalisation tables.
/// </summary>
internal static class TextFolding
{
    public static bool Equal(ReadOnlySpan<char> field, string value) =>
        field.Equals(value, StringComparison.OrdinalIgnoreCase);

    public static bool Contains(ReadOnlySpan<char> field, string value) =>
        field.Contains(value, StringComparison.OrdinalIgnoreCase);

    public static int Compare(ReadOnlySpan<char> field, string value) =>
        field.CompareTo(value, StringComparison.OrdinalIgnoreCase);
}
