using System.Text.RegularExpressions;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// A regular expression with RE2's guarantees on .NET: the non-backtracking engine runs in time linear in the input,
/// and rejects what RE2 rejects (backreferences, lookaround), so a filter that is valid here is valid in the sink.
/// A match timeout bounds the rest. RE2 spellings .NET lacks are translated: <c>(?P&lt;name&gt;</c> and POSIX classes
/// such as <c>[[:digit:]]</c>. Case sensitive and unanchored by default, as Google documents.
/// </summary>
internal sealed class Re2Regex
{
    /// <summary>
    /// A backstop, not the defence (the engine is linear): generous because the non-backtracking engine builds its
    /// automaton lazily during the first matches, and on a busy instance that must not turn an alert into "no match".
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    private static readonly (string Posix, string Net)[] PosixClasses =
    [
        ("[:alnum:]", "0-9A-Za-z"), ("[:alpha:]", "A-Za-z"), ("[:ascii:]", "\\x00-\\x7F"), ("[:blank:]", "\\t "),
        ("[:cntrl:]", "\\x00-\\x1F\\x7F"), ("[:digit:]", "0-9"), ("[:graph:]", "!-~"), ("[:lower:]", "a-z"),
        ("[:print:]", " -~"), ("[:punct:]", "!-/:-@\\[-`{-~"), ("[:space:]", "\\t\\n\\v\\f\\r "), ("[:upper:]", "A-Z"),
        ("[:word:]", "0-9A-Za-z_"), ("[:xdigit:]", "0-9A-Fa-f"),
    ];

    private readonly Lazy<Regex> _regex;

    private Re2Regex(string pattern, Lazy<Regex> regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    /// <summary>
    /// Compiles the pattern now, which is what checks it. <paramref name="deferred"/> builds the automaton at its first
    /// match instead (the non-backtracking engine's first build costs about 40 ms of CPU, most of it compiling the
    /// engine's own code): only for a pattern already known to compile, such as the built-in filter's, which its tests parse.
    /// </summary>
    public static Re2Regex Compile(string pattern, SourcePosition position, TimeSpan timeout, bool deferred = false)
    {
        if (deferred)
        {
            return new Re2Regex(pattern, new Lazy<Regex>(() => Build(pattern, timeout)));
        }

        try
        {
            var regex = Build(pattern, timeout);
            return new Re2Regex(pattern, new Lazy<Regex>(regex));
        }
        catch (RegexParseException e)
        {
            throw new QuerySyntaxException(position, $"invalid regular expression \"{pattern}\": {e.Error} at offset {e.Offset}");
        }
        catch (NotSupportedException)
        {
            throw new QuerySyntaxException(position, $"the regular expression \"{pattern}\" uses a construct RE2 does not support (backreferences, lookaround, atomic or conditional groups)");
        }
    }

    /// <summary>Never throws: a match that runs out of time is reported as <see cref="RegexOutcome.TimedOut"/>.</summary>
    public RegexOutcome Match(ReadOnlySpan<char> input)
    {
        try
        {
            return _regex.Value.IsMatch(input) ? RegexOutcome.Match : RegexOutcome.NoMatch;
        }
        catch (RegexMatchTimeoutException)
        {
            return RegexOutcome.TimedOut;
        }
    }

    private static Regex Build(string pattern, TimeSpan timeout) =>
        new(Translate(pattern), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, timeout);

    private static string Translate(string pattern)
    {
        var translated = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
        foreach (var (posix, net) in PosixClasses)
        {
            translated = translated.Replace(posix, net, StringComparison.Ordinal);
        }

        return translated;
    }
}
