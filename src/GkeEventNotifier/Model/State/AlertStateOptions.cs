using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Model.State;

/// <summary>Where the alert state lives (this instance's memory, or Firestore shared by every instance) and how long to wait for it.</summary>
public sealed class AlertStateOptions
{
    public const string ModeVariable = "ALERT_STATE";
    public const string ProjectVariable = "FIRESTORE_PROJECT";
    public const string DatabaseVariable = "FIRESTORE_DATABASE";
    public const string EmulatorVariable = "FIRESTORE_EMULATOR_HOST";
    public const string TimeoutVariable = "STATE_TIMEOUT_SECONDS";
    public const string LeaseVariable = "STATE_LEASE_SECONDS";

    /// <summary><c>memory</c> (one instance: local runs, the CLI, tests) or <c>firestore</c> (any number of instances).</summary>
    [RegularExpression("^(memory|firestore)$", ErrorMessage = "ALERT_STATE must be 'memory' or 'firestore'.")]
    public string Mode { get; set; } = "memory";

    /// <summary>The Firestore project; empty: the function's own project, from the metadata server.</summary>
    [RegularExpression("^([a-z][a-z0-9.-]{0,62}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$", ErrorMessage = "FIRESTORE_PROJECT must be a project id (6 to 30 lower-case letters, digits and '-').")]
    public string? Project { get; set; }

    [RegularExpression("^(\\(default\\)|[a-z][a-z0-9-]{2,62})$", ErrorMessage = "FIRESTORE_DATABASE must be '(default)' or a database id (lower-case letters, digits and '-', 4 to 63 characters).")]
    public string Database { get; set; } = "(default)";

    /// <summary><c>host:port</c> of the Firestore emulator: plain HTTP, no token, as Google's client libraries do.</summary>
    [RegularExpression("^[A-Za-z0-9.\\-]+:[0-9]{1,5}$|^\\[[0-9A-Fa-f:]+\\]:[0-9]{1,5}$", ErrorMessage = "FIRESTORE_EMULATOR_HOST must be host:port, for example 127.0.0.1:8080.")]
    public string? EmulatorHost { get; set; }

    /// <summary>After this long without an answer from Firestore the event is handled with this instance's memory.</summary>
    [SettingRange(TimeoutVariable, 1, 60, "seconds")]
    public int TimeoutSeconds { get; set; } = 3;

    /// <summary>
    /// How long a claim on an event holds: an instance that dies while alerting blocks the event's redelivery this long
    /// at most. Longer than an alert takes to reach Slack, including a burst summary's wait.
    /// </summary>
    [SettingRange(LeaseVariable, 5, 3600, "seconds")]
    public int LeaseSeconds { get; set; } = 60;

    public bool IsFirestore => Mode == "firestore";

    public static bool IsProjectId(string text) =>
        System.ComponentModel.DataAnnotations.Validator.TryValidateProperty(text, new ValidationContext(new AlertStateOptions()) { MemberName = nameof(Project) }, null);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public static void Bind(AlertStateOptions options, IConfiguration configuration)
    {
        options.Mode = Settings.Text(configuration, ModeVariable)?.ToLowerInvariant() ?? options.Mode;
        options.Project = Settings.Text(configuration, ProjectVariable);
        options.Database = Settings.Text(configuration, DatabaseVariable) ?? options.Database;
        options.EmulatorHost = Settings.Text(configuration, EmulatorVariable);
        options.TimeoutSeconds = Settings.Integer(configuration, TimeoutVariable, options.TimeoutSeconds);
        options.LeaseSeconds = Settings.Integer(configuration, LeaseVariable, options.LeaseSeconds);
    }
}
