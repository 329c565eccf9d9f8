using GkeEventNotifier.Model;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Stages.Routing;

/// <summary>The routing file (YAML, see docs/routing.md). Without it, every alert goes where the SLACK_* settings say.</summary>
public sealed class RoutingOptions
{
    public const string ConfigFileVariable = "NOTIFIER_CONFIG_FILE";

    public string? ConfigFile { get; set; }

    public static void Bind(RoutingOptions options, IConfiguration configuration) =>
        options.ConfigFile = Settings.Text(configuration, ConfigFileVariable);
}
