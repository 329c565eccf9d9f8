namespace GkeEventNotifier.Filtering.Query;

internal enum RegexOutcome
{
    NoMatch,
    Match,
    TimedOut,
}
