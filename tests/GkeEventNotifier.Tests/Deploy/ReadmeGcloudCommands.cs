using System.Text;
using System.Text.RegularExpressions;

namespace GkeEventNotifier.Tests.Deploy;

/// <summary>
/// Every gcloud command a reader of README.md is told to run: lines of sh/bash code blocks (continuations joined,
/// also inside <c>$( … )</c> and after a pipe) and inline code spans that start with <c>gcloud </c>. An inline span
/// that only names a command (<c>gcloud functions deploy</c> in prose) is not run: it must carry an argument after
/// the command path to count, i.e. a flag or something other than a lower-case word.
/// </summary>
internal static partial class ReadmeGcloudCommands
{
    /// <summary>
    /// Values for what the reader fills in: the shell variables the README sets in earlier steps (<c>$PROJECT_ID</c>)
    /// and the same names written as placeholders (<c>--project=PROJECT_ID</c>). Any other variable gets a sample word;
    /// other capitalised words (<c>SLACK_BOT_TOKEN=…</c>) are literal text.
    /// </summary>
    private static readonly Dictionary<string, string> SampleValues = new(StringComparer.Ordinal)
    {
        ["PROJECT_ID"] = "sample-project",
        ["REGION"] = "europe-west1",
        ["PROJECT_NUMBER"] = "123456789012",
        ["TRIGGER"] = "projects/sample-project/locations/europe-west1/triggers/sample-trigger",
        ["SUBSCRIPTION"] = "projects/sample-project/subscriptions/sample-subscription",
        ["SERVICE_ACCOUNT_EMAIL"] = "gke-events-fn@sample-project.iam.gserviceaccount.com",
        ["CLUSTER"] = "sample-cluster",
    };

    public static IReadOnlyList<string> Read(string readme) =>
        [.. CodeBlockLines(readme).Concat(InlineSpans(readme)).Select(Extract).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Shell words of the command up to any pipe, list or redirection (quotes removed, variables and placeholders
    /// replaced), without the leading <c>gcloud</c>.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string command) =>
        [.. ShellWords(command).Skip(1).Select(word => PlaceholderPattern().Replace(word, m => SampleValues.GetValueOrDefault(m.Value, m.Value)))];

    private static IEnumerable<string> CodeBlockLines(string readme) =>
        CodeBlockPattern().Matches(readme)
            .SelectMany(block => block.Groups["body"].Value.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'));

    private static IEnumerable<string> InlineSpans(string readme) =>
        InlineGcloudPattern().Matches(readme)
            .Select(span => span.Groups["command"].Value)
            .Where(span => !CommandPathOnlyPattern().IsMatch(span));

    private static string? Extract(string line)
    {
        var match = GcloudStartPattern().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var command = line[match.Groups["command"].Index..].Trim();
        return match.Groups["subshell"].Success ? command.TrimEnd(')') : command;
    }

    private static List<string> ShellWords(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote == '\'')
            {
                quote = c == '\'' ? null : quote;
                if (quote is not null)
                {
                    word.Append(c);
                }
            }
            else if (c == '$' && IsVariableStart(command, i + 1))
            {
                i = ExpandVariable(command, i, word);
                inWord = true;
            }
            else if (quote == '"')
            {
                quote = c == '"' ? null : quote;
                if (quote is not null)
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c is '|' or ';' or '&' or '<' or '>')
            {
                // The command ends at a pipe, list or redirection (a `2>` drops its file-descriptor number too).
                if (inWord && !(c is '<' or '>' && word.ToString().All(char.IsAsciiDigit)))
                {
                    words.Add(word.ToString());
                }

                return words;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static bool IsVariableStart(string command, int index) =>
        index < command.Length && (char.IsAsciiLetter(command[index]) || command[index] is '_' or '{');

    private static int ExpandVariable(string command, int dollar, StringBuilder word)
    {
        var braced = command[dollar + 1] == '{';
        var start = dollar + (braced ? 2 : 1);
        var end = start;
        while (end < command.Length && (char.IsAsciiLetterOrDigit(command[end]) || command[end] == '_'))
        {
            end++;
        }

        var name = command[start..end];
        word.Append(SampleValues.GetValueOrDefault(name, "sample-value"));
        return braced ? end : end - 1;
    }

    [GeneratedRegex(@"\b[A-Z][A-Z0-9_]*[A-Z0-9]\b")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex("```(?:sh|bash|shell)\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlockPattern();

    [GeneratedRegex("`(?<command>gcloud [^`\\n]+)`")]
    private static partial Regex InlineGcloudPattern();

    [GeneratedRegex(@"^gcloud(?: [a-z][a-z0-9-]*)+$")]
    private static partial Regex CommandPathOnlyPattern();

    [GeneratedRegex(@"(?:^|[\s|;&]|(?<subshell>\$\())(?<command>gcloud\s)")]
    private static partial Regex GcloudStartPattern();
}
