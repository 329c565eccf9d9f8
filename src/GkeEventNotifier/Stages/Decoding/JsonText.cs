using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Decoding;

/// <summary>
/// The text of JSON string values used where it, not a string of it, is needed (a timestamp to parse, a part of a log
/// line): the raw UTF-8 is decoded into a stack or pooled buffer; only a value with escapes becomes a string first.
/// </summary>
internal static class JsonText
{
    private const int StackChars = 64;

    /// <summary>An RFC 3339 time in a string element, as <see cref="Rfc3339.TryParse(string?, out DateTimeOffset)"/> reads its text.</summary>
    public static bool TryParseTime(JsonElement value, out DateTimeOffset time)
    {
        var raw = Unquoted(value);
        if (raw.Length > StackChars || raw.Contains((byte)'\\'))
        {
            return Rfc3339.TryParse(value.GetString(), out time);
        }

        Span<char> chars = stackalloc char[StackChars];
        var length = Encoding.UTF8.GetChars(raw, chars);
        return Rfc3339.TryParse(chars[..length], out time);
    }

    /// <summary>
    /// Appends the text of a string element, or nothing for any other value (as an empty string would). Long text is
    /// not decoded into the shared pool, which would keep the buffer (<see cref="ScratchBuffer"/>).
    /// </summary>
    public static void Append(ref DefaultInterpolatedStringHandler text, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var raw = Unquoted(value);
        if (raw.Length > ScratchBuffer.PooledLimit || raw.Contains((byte)'\\'))
        {
            text.AppendFormatted(value.GetString());
            return;
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(raw.Length, 1));
        var length = Encoding.UTF8.GetChars(raw, chars);
        text.AppendFormatted(chars.AsSpan(0, length));
        ArrayPool<char>.Shared.Return(chars);
    }

    private static ReadOnlySpan<byte> Unquoted(JsonElement value) => JsonMarshal.GetRawUtf8Value(value)[1..^1];
}
