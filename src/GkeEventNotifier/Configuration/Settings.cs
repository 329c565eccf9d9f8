using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Configuration;

/// <summary>
/// Reading environment-variable settings the same way everywhere: blank means unset, and a whole-number setting that is
/// not a number reads as -1, which every option's range rejects, so start-up validation names the variable.
/// </summary>
internal static class Settings
{
    public static string? Text(IConfiguration configuration, string variable) =>
        configuration[variable] is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    public static int Integer(IConfiguration configuration, string variable, int fallback) =>
        Text(configuration, variable) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : -1;

    /// <summary>Options bound from settings by <paramref name="bind"/>, checked (data annotations and any registered validator) when the host starts.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, Action<T> bind)
        where T : class =>
        services.AddOptions<T>().Configure(bind).ValidateDataAnnotations().ValidateOnStart();
}
