namespace GkeEventNotifier.Stages.Filtering.Query;

internal enum LiteralKind
{
    /// <summary>A double-quoted string.</summary>
    Quoted,

    /// <summary>An unquoted word or number.</summary>
    Unquoted,

    /// <summary><c>NULL_VALUE</c>: a JSON null.</summary>
    Null,
}
