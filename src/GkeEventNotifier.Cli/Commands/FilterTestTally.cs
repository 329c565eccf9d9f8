namespace GkeEventNotifier.Cli.Commands;

/// <summary>How many entries of an export the filter kept, dropped, or could not read.</summary>
internal sealed class FilterTestTally
{
    public int Matched { get; set; }

    public int Dropped { get; set; }

    public int Unreadable { get; set; }

    public string Summary =>
        $"{Matched + Dropped + Unreadable} entries: {Matched} match, {Dropped} do not match{(Unreadable > 0 ? $", {Unreadable} unreadable" : string.Empty)}";
}
