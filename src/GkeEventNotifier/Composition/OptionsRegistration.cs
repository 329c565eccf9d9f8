using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Composition;

/// <summary>How every stage's options are registered: bound from settings, checked when the host starts.</summary>
internal static class OptionsRegistration
{
    /// <summary>
    /// Options bound from settings by <paramref name="bind"/>, checked when the host starts (or when
    /// <see cref="SettingsCheck"/> runs): the <see cref="System.ComponentModel.DataAnnotations"/> attributes, with
    /// their own messages only, and any registered validator.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, Action<T> bind)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>, AnnotatedSettingsValidator<T>>();
        return services.AddOptions<T>().Configure(bind).ValidateOnStart();
    }
}
