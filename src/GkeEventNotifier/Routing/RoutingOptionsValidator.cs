using GkeEventNotifier.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Routing;

/// <summary>Parses the routing file at start-up, so that a bad file stops the start with file, line, column and reason.</summary>
internal sealed class RoutingOptionsValidator(IConfiguration configuration, IOptions<SlackOptions> slack) : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        try
        {
            RoutingConfigFile.Load(options, slack.Value, configuration);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidRoutingConfigException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
