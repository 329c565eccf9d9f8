using GkeEventNotifier.Model.Slack;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Stages.Routing;

/// <summary>Reads and parses the file NOTIFIER_CONFIG_FILE names; any problem is an <see cref="InvalidRoutingConfigException"/>.</summary>
internal static class RoutingConfigFile
{
    public static RoutingConfig? Load(RoutingOptions options, SlackOptions slack, IConfiguration configuration)
    {
        if (options.ConfigFile is not { } path)
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InvalidRoutingConfigException($"{RoutingOptions.ConfigFileVariable} ({path}) cannot be read: {e.Message}", e);
        }

        return new RoutingConfigParser(path, text, name => configuration[name], slack.Mode == SlackMode.WebApi).Parse();
    }
}
