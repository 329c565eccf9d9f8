using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Composition;

/// <summary>
/// Checks the validation attributes of a settings class and reports only their messages, which name the variable;
/// the framework's own data-annotation validator wraps them in the class and property names, which mean nothing to
/// someone who set an environment variable.
/// </summary>
internal sealed class AnnotatedSettingsValidator<T> : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(result => result.ErrorMessage ?? "A setting is invalid."));
    }
}
