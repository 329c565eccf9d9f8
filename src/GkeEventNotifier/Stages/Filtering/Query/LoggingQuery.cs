using System.Text.Json;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// A Cloud Logging query, parsed once: the same text the Logs Router sink uses, evaluated here on a LogEntry's JSON.
/// </summary>
internal sealed class LoggingQuery
{
    private readonly QueryNode _root;
    private readonly QueryPrefilter _prefilter;

    private LoggingQuery(string text, QueryNode root)
    {
        Text = text;
        _root = root;
        _prefilter = QueryPrefilter.For(root);
    }

    /// <summary>The query as written.</summary>
    public string Text { get; }

    /// <summary>No term at all (blank, or only comments): Cloud Logging reads that as "every entry".</summary>
    public bool IsEmpty => _root is QueryNode.All;

    /// <summary>Throws <see cref="QuerySyntaxException"/> (and nothing else) when the text is not a query this implementation can evaluate.</summary>
    public static LoggingQuery Parse(string text) => Parse(text, Re2Regex.DefaultTimeout);

    public static LoggingQuery Parse(string text, TimeSpan regexTimeout) => new(text, QueryParser.Parse(text, regexTimeout));

    /// <summary>
    /// The built-in filter, whose regular expressions are known to compile (its tests parse it with <see cref="Parse(string)"/>):
    /// they are built at their first match rather than at start-up, which a cold start's first request then does not pay.
    /// </summary>
    public static LoggingQuery ParseBuiltIn(string text) => new(text, QueryParser.Parse(text, Re2Regex.DefaultTimeout, deferRegex: true));

    public bool Matches(JsonElement logEntry)
    {
        var timedOut = false;
        return QueryEvaluator.Matches(_root, logEntry, ref timedOut);
    }

    /// <summary>Also says whether a regular expression ran out of time and was counted as not matching.</summary>
    public bool Matches(JsonElement logEntry, out bool timedOut)
    {
        timedOut = false;
        return QueryEvaluator.Matches(_root, logEntry, ref timedOut);
    }

    /// <summary>
    /// True only when <see cref="Matches(JsonElement)"/> would surely be false for the entry, a Kubernetes event, decided
    /// on one reader pass over its bytes without its document; false when it matches or the pass cannot tell.
    /// </summary>
    public bool SurelyRejects(ParsedLogEntry entry) => Prejudge(entry) == Truth.False;

    /// <summary>The answer of that pass: True or False as <see cref="Matches(JsonElement)"/> would give it, else Unknown.</summary>
    internal Truth Prejudge(ParsedLogEntry entry) => entry.TryScan(_prefilter.Paths) ? _prefilter.Evaluate(entry) : Truth.Unknown;

    public QueryExplanation Explain(JsonElement logEntry) => QueryExplainer.Explain(_root, logEntry);

    /// <summary>The canonical single-line form.</summary>
    public override string ToString() => QueryPrinter.Print(_root);

    /// <summary>The canonical form laid out one top-level term per line.</summary>
    public string ToMultilineString() => QueryPrinter.PrintMultiline(_root);
}
