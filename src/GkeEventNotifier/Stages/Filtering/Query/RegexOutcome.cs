namespace GkeEventNotifier.Stages.Filtering.Query;

internal enum RegexOutcome
{
    NoMatch,
    Match,
    TimedOut,
}
