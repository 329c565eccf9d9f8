using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Model;

/// <summary>
/// Reading environment-variable settings the same way everywhere: blank means unset; a whole-number setting that is
/// not a number reads as <see cref="NotANumber"/>, and one too large for an int reads as the int's limit, so that
/// <see cref="SettingRangeAttribute"/> can tell "not a number" from "out of range" when the start is checked.
/// </summary>
internal static class Settings
{
    /// <summary>What a whole-number setting reads as when its text is not a whole number.</summary>
    public const int NotANumber = int.MinValue;

    public static string? Text(IConfiguration configuration, string variable) =>
        configuration[variable] is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    public static int Integer(IConfiguration configuration, string variable, int fallback) =>
        Text(configuration, variable) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var huge) ? (huge.Sign > 0 ? int.MaxValue : NotANumber + 1)
        : NotANumber;
}
