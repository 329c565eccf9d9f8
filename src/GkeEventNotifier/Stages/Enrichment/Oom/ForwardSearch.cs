namespace GkeEventNotifier.Stages.Enrichment.Oom;

/// <summary>
/// "The first match at or after p" for positions that only grow, remembering the last answer: while it still lies at
/// or after the new position it is still the first, so a text with many candidate starts is searched once, not once
/// per start. This is what keeps the kernel-line scans linear on hostile text.
/// </summary>
internal sealed class ForwardSearch(Func<int, int> search)
{
    private int searchedFrom = int.MaxValue;
    private int answer = -1;

    /// <summary>The first match at or after <paramref name="position"/>, or -1.</summary>
    public int From(int position)
    {
        if (position < searchedFrom || (answer >= 0 && answer < position))
        {
            searchedFrom = position;
            answer = search(position);
        }

        return answer;
    }
}
