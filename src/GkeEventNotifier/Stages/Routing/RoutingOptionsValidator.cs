using GkeEventNotifier.Model.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Stages.Routing;

/// <summary>Parses the routing file at start-up, so that a bad file stops the start with file, line, column and reason.</summary>
internal sealed class RoutingOptionsValidator(IConfiguration configuration) : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        try
        {
            // The Slack settings as set, not as validated: a Slack problem is reported on its own and must not hide the file's.
            var slack = new SlackOptions();
            SlackOptions.Bind(slack, configuration);
            RoutingConfigFile.Load(options, slack, configuration);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidRoutingConfigException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
