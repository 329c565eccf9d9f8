using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Stages.Filtering;

/// <summary>Parses the configured filter at start-up, so an invalid one stops the start naming the variable, line and column.</summary>
internal sealed class EventFilterOptionsValidator : IValidateOptions<EventFilterOptions>
{
    public ValidateOptionsResult Validate(string? name, EventFilterOptions options)
    {
        try
        {
            _ = FilterSource.Resolve(options).Compile();
            return ValidateOptionsResult.Success;
        }
        catch (InvalidFilterException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
