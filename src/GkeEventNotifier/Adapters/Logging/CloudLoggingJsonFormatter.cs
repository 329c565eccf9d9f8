using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace GkeEventNotifier.Adapters.Logging;

/// <summary>
/// One JSON object per line with <c>severity</c> and <c>message</c>: Cloud Logging's structured logging, so each line
/// becomes one entry with the right severity. Exceptions are written by type and message only (no stack of
/// request data), and nothing here ever sees a token: log templates never carry one.
/// Cloud Logging drops an entry over 256 KB whole, and messages carry event text of any length, so each text is cut
/// (<see cref="MaxMessageLength"/>, <see cref="MaxValueLength"/>): even written as six-byte escapes, a line stays far
/// below the limit, and its start, which says what happened, is kept.
/// </summary>
public sealed class CloudLoggingJsonFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "cloud-logging";

    /// <summary>Characters of the message kept.</summary>
    public const int MaxMessageLength = 8 * 1024;

    /// <summary>Characters of each label value and of the exception kept; a template has a handful of placeholders.</summary>
    public const int MaxValueLength = 1024;

    /// <summary>Labels written at most (a template with more is not one of ours).</summary>
    private const int MaxLabels = 16;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var line = JsonLine.Start();
        var writer = line.Writer;
        writer.WriteStartObject();
        writer.WriteString("severity", Severity(logEntry.LogLevel));
        writer.WriteString("message", Cut(message, MaxMessageLength));
        writer.WriteString("category", logEntry.Category);
        if (logEntry.Exception is { } exception)
        {
            writer.WriteString("exception", Cut($"{exception.GetType().FullName}: {exception.Message}", MaxValueLength));
        }

        WriteProperties(writer, logEntry.State);
        writer.WriteEndObject();
        line.WriteLineTo(textWriter);
    }

    private static void WriteProperties<TState>(Utf8JsonWriter writer, TState state)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> properties || properties.Count <= 1)
        {
            return;
        }

        writer.WriteStartObject("logging.googleapis.com/labels");
        var written = 0;
        for (var i = 0; i < properties.Count && written < MaxLabels; i++)
        {
            var (key, value) = properties[i];
            if (key != "{OriginalFormat}")
            {
                writer.WriteString(Cut(key, MaxValueLength), Cut(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), MaxValueLength));
                written++;
            }
        }

        writer.WriteEndObject();
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private static string? Cut(string? text, int limit) =>
        text is null || text.Length <= limit ? text : GkeEventNotifier.Model.Slack.SlackText.Limit(text, limit);

    public static string Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "DEFAULT",
    };
}
