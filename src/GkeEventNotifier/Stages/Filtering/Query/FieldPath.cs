namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// A resolved field path: its segments as they appear in the LogEntry JSON, its type, and what happens when it is absent.
/// A <see cref="IsDefaulted"/> field (one the LogEntry type defines) compares as its default value when absent;
/// any other absent field (payload, labels) makes every comparison fail, as Google documents.
/// </summary>
internal sealed record FieldPath(IReadOnlyList<string> Segments, FieldType Type, bool IsDefaulted, bool CaseInsensitiveKeys, SourcePosition Position)
{
    public override string ToString() => string.Join('.', Segments.Select(FormatSegment));

    /// <summary>Bare when the lexer would read it back as one word; quoted otherwise (<c>labels."k8s-pod/app"</c>).</summary>
    private static string FormatSegment(string segment) =>
        segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '@') && segment is not ("AND" or "OR" or "NOT")
            ? segment
            : QueryText.Quote(segment);
}
