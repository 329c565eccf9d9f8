using System.Text;
using System.Text.Json;

namespace GkeEventNotifier.Stages.Decoding;

/// <summary>
/// Reads LogEntries exported from Cloud Logging, in any of the shapes people have: the JSON array that
/// <c>gcloud logging read --format=json</c> prints; one object, pretty-printed as Logs Explorer copies it; or objects
/// one after the other (one per line, or pretty-printed in a row). Each entry is returned on its own, so one bad entry
/// is reported and the rest are still read. The shape is never guessed from a pattern: an array starts with '[';
/// anything else is read as a sequence of JSON values, and only when that fails and some line is a whole JSON object
/// (which no line of a pretty-printed entry is) is it read line by line, so that a bad line is reported alone.
/// </summary>
public static class LogEntryExportReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    public static async Task<IReadOnlyList<ExportedEntry>> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return Read(buffer.ToArray());
    }

    public static IReadOnlyList<ExportedEntry> Read(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        var first = FirstNonWhitespace(span);
        if (first < 0)
        {
            return [];
        }

        return span[first] == (byte)'[' ? ReadArray(content)
            : ReadSequence(content[first..]) is { } sequence ? sequence
            : SomeLineIsAnObject(content) ? ReadLines(content)
            : [ExportedEntry.Failed(1, $"the input is not valid JSON: {SequenceError(content)}")];
    }

    /// <summary>Every top-level value as an entry; null when the content is not a sequence of valid JSON values.</summary>
    private static List<ExportedEntry>? ReadSequence(ReadOnlyMemory<byte> content)
    {
        var entries = new List<ExportedEntry>();
        var reader = new Utf8JsonReader(content.Span, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = DocumentOptions.MaxDepth });
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                entries.Add(ExportedEntry.Parsed(entries.Count + 1, content[start..end].ToArray()));
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return entries;
    }

    private static string SequenceError(ReadOnlyMemory<byte> content)
    {
        var reader = new Utf8JsonReader(content.Span, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = DocumentOptions.MaxDepth });
        try
        {
            while (reader.Read())
            {
                reader.Skip();
            }

            return "unknown error";
        }
        catch (JsonException e)
        {
            return $"line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}";
        }
    }

    private static bool SomeLineIsAnObject(ReadOnlyMemory<byte> content)
    {
        var rest = content;
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            var start = FirstNonWhitespace(line.Span);
            if (start >= 0 && line.Span[start] == (byte)'{' && IsJson(line))
            {
                return true;
            }
        }

        return false;
    }

    private static List<ExportedEntry> ReadArray(ReadOnlyMemory<byte> content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, DocumentOptions);
        }
        catch (JsonException e)
        {
            return [ExportedEntry.Failed(1, $"the export is not a valid JSON array: {e.Message}")];
        }

        using (document)
        {
            var entries = new List<ExportedEntry>();
            var number = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                number++;
                entries.Add(ExportedEntry.Parsed(number, Encoding.UTF8.GetBytes(element.GetRawText())));
            }

            return entries;
        }
    }

    private static List<ExportedEntry> ReadLines(ReadOnlyMemory<byte> content)
    {
        var entries = new List<ExportedEntry>();
        var number = 0;
        var rest = content;
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (FirstNonWhitespace(line.Span) < 0)
            {
                continue;
            }

            number++;
            entries.Add(IsJson(line) ? ExportedEntry.Parsed(number, line.ToArray()) : ExportedEntry.Failed(number, "the line is not valid JSON"));
        }

        return entries;
    }

    private static bool IsJson(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var document = JsonDocument.Parse(line, DocumentOptions);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int FirstNonWhitespace(ReadOnlySpan<byte> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>One entry of an export: its 1-based position and either its JSON bytes or why it could not be read.</summary>
public sealed record ExportedEntry(int Number, ReadOnlyMemory<byte> Json, string? Error)
{
    public static ExportedEntry Parsed(int number, ReadOnlyMemory<byte> json) => new(number, json, null);

    public static ExportedEntry Failed(int number, string error) => new(number, ReadOnlyMemory<byte>.Empty, error);

    public bool IsValid => Error is null;
}
