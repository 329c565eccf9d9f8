namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>A term's answer when it may not be known: Kleene's three-valued logic (<see cref="QueryPrefilter"/>).</summary>
internal enum Truth : byte
{
    False,
    True,
    Unknown,
}

internal static class Truths
{
    public static Truth Of(bool value) => value ? Truth.True : Truth.False;

    public static Truth Not(this Truth value) => value switch
    {
        Truth.False => Truth.True,
        Truth.True => Truth.False,
        _ => Truth.Unknown,
    };
}
