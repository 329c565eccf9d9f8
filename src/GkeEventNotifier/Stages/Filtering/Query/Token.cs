namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// One lexical unit. <see cref="SpaceBefore"/> matters: <c>log_id(</c> is a call only without a space, and the parts of a
/// field path (<c>labels."k8s-pod/app"</c>) must touch.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position, bool SpaceBefore)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the query",
        TokenKind.String => $"the string \"{Text}\"",
        TokenKind.Word => $"'{Text}'",
        _ => $"'{Text}'",
    };
}
