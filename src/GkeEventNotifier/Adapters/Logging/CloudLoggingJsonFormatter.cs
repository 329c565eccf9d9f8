using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace GkeEventNotifier.Adapters.Logging;

/// <summary>
/// One JSON object per line with <c>severity</c> and <c>message</c>: Cloud Logging's structured logging, so each line
/// becomes one entry with the right severity. Exceptions are written by type and message only (no stack of
/// request data), and nothing here ever sees a token: log templates never carry one.
/// </summary>
public sealed class CloudLoggingJsonFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "cloud-logging";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("severity", Severity(logEntry.LogLevel));
            writer.WriteString("message", message);
            writer.WriteString("category", logEntry.Category);
            if (logEntry.Exception is { } exception)
            {
                writer.WriteString("exception", $"{exception.GetType().FullName}: {exception.Message}");
            }

            WriteProperties(writer, logEntry.State);
            writer.WriteEndObject();
        }

        textWriter.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteProperties<TState>(Utf8JsonWriter writer, TState state)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> properties || properties.Count <= 1)
        {
            return;
        }

        writer.WriteStartObject("logging.googleapis.com/labels");
        foreach (var (key, value) in properties)
        {
            if (key != "{OriginalFormat}")
            {
                writer.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        writer.WriteEndObject();
    }

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
