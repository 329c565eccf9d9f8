namespace GkeEventNotifier.Cli;

/// <summary>The exit codes of every command, one meaning each, so scripts can tell a typo from bad data from a Slack outage.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran to the end but some of its input was rejected (each one is reported with its reason).</summary>
    public const int Rejected = 1;

    /// <summary>Nothing was done: a usage error, an invalid setting, or an input that cannot be read.</summary>
    public const int Usage = 2;

    /// <summary>Slack did not take some alerts; the others were still handled.</summary>
    public const int SlackFailed = 3;
}
