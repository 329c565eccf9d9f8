using System.ComponentModel.DataAnnotations;

namespace GkeEventNotifier.Model;

/// <summary>
/// A whole-number setting and its allowed range. The message names the variable and says whether the value was not a
/// number or out of range (two different mistakes with two different fixes); <paramref name="unit"/> says what the
/// number counts and what the limits mean, such as "seconds; 0 turns deduplication off".
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SettingRangeAttribute(string variable, int minimum, int maximum, string unit) : ValidationAttribute
{
    public string Variable => variable;

    public int Minimum => minimum;

    public int Maximum => maximum;

    public string Unit => unit;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not int number || number == Settings.NotANumber
            ? new ValidationResult($"{variable} is not a whole number: it must be a number from {minimum} to {maximum} ({unit}).")
            : number < minimum || number > maximum
                ? new ValidationResult($"{variable} is out of range: it must be from {minimum} to {maximum} ({unit}).")
                : ValidationResult.Success;
}
