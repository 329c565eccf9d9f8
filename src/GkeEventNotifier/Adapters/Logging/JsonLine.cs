using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GkeEventNotifier.Adapters.Logging;

/// <summary>
/// One JSON object written as one line of text: built in UTF-8 and handed to a <see cref="TextWriter"/> in a single
/// <c>WriteLine</c> (an auto-flushing stdout writes it with one call). Each thread keeps its buffer and writer for the
/// next line, so a log line or a printed alert costs no buffer, writer or intermediate string of its own; a line that
/// needed a large buffer does not keep it.
/// </summary>
internal sealed class JsonLine
{
    private const int KeptCapacity = 16 * 1024;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static JsonLine? current;

    private readonly ArrayBufferWriter<byte> bytes = new(1024);
    private char[] characters = new char[1024];

    private JsonLine() => Writer = new Utf8JsonWriter(bytes, Options);

    /// <summary>Where the line's JSON goes, empty: nothing of the last line on this thread is left in it.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>This thread's line, started afresh. Write it out before the thread starts another.</summary>
    public static JsonLine Start()
    {
        var line = current ??= new JsonLine();
        line.bytes.ResetWrittenCount();
        line.Writer.Reset(line.bytes);
        return line;
    }

    public void WriteLineTo(TextWriter output)
    {
        Writer.Flush();
        var utf8 = bytes.WrittenSpan;
        var needed = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (characters.Length < needed)
        {
            characters = new char[Math.Max(needed, characters.Length * 2)];
        }

        var count = Encoding.UTF8.GetChars(utf8, characters);
        output.WriteLine(characters.AsSpan(0, count));
        if (bytes.Capacity > KeptCapacity || characters.Length > KeptCapacity)
        {
            current = null;
        }
    }
}
