using GkeEventNotifier.Composition;

namespace GkeEventNotifier.Function;

/// <summary>
/// Why the function refuses to start: one CRITICAL line per invalid setting, naming the variable (also as the
/// <c>setting</c> label), so the first log lines of a failed deployment say what to fix instead of a stack trace.
/// </summary>
internal sealed partial class InvalidSettingsReport(ILogger<InvalidSettingsReport> logger)
{
    public void Write(IReadOnlyList<SettingProblem> problems)
    {
        foreach (var problem in problems)
        {
            LogInvalid(logger, problem.Variable, problem.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Invalid setting {Setting}: {Problem}")]
    private static partial void LogInvalid(ILogger logger, string setting, string problem);
}
