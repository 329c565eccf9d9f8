using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Composition;

/// <summary>
/// Every setting checked before any work starts: the same validations the host runs on start, collected instead of
/// thrown, so each front end can report all problems at once (the function as CRITICAL log lines, the CLI as
/// <c>error:</c> lines). Each problem is a sentence that begins with, or names, the variable to fix.
/// </summary>
public static class SettingsCheck
{
    public static IReadOnlyList<SettingProblem> Problems(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures.Distinct().Select(SettingProblem.Of)];
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            return [.. e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures).Distinct().Select(SettingProblem.Of)];
        }
    }
}

/// <summary>One invalid setting: the variable it is about (the first one its message names) and what is wrong.</summary>
public sealed record SettingProblem(string Variable, string Message)
{
    public static SettingProblem Of(string message) => new(FirstVariable(message), message);

    /// <summary>The message's first word when it is a variable name (PORT, KUBECONFIG), else its first UPPER_SNAKE_CASE word.</summary>
    private static string FirstVariable(string message)
    {
        var words = message.Split([' ', ',', ':', '(', ')', '\'', '.'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && IsVariable(words[0]) ? words[0]
            : words.FirstOrDefault(word => word.Contains('_', StringComparison.Ordinal) && IsVariable(word)) ?? "settings";
    }

    private static bool IsVariable(string word) =>
        word.Length > 2 && word.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');
}
