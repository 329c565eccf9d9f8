using System.ComponentModel.DataAnnotations;
using GkeEventNotifier.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Composition;

/// <summary>
/// The level of the log line of a message that needed nothing from anyone: filtered out, a duplicate, not a Kubernetes
/// event, a kept event with no alert of its own. Most messages end that way, so by default they are DEBUG lines, below
/// the function's INFO threshold; alerts, summaries and every problem stay at INFO or above whatever this says.
/// </summary>
public sealed class OutcomeLogOptions
{
    public const string RoutineLevelVariable = "ROUTINE_OUTCOMES_LOG_LEVEL";

    /// <summary><c>debug</c> (not written at the function's default threshold) or <c>info</c> (one line per message).</summary>
    [RegularExpression("^(debug|info)$", ErrorMessage = "ROUTINE_OUTCOMES_LOG_LEVEL must be 'debug' or 'info'.")]
    public string RoutineLevel { get; set; } = "debug";

    public LogLevel Routine => RoutineLevel == "info" ? LogLevel.Information : LogLevel.Debug;

    public static void Bind(OutcomeLogOptions options, IConfiguration configuration) =>
        options.RoutineLevel = Settings.Text(configuration, RoutineLevelVariable)?.ToLowerInvariant() ?? options.RoutineLevel;
}
