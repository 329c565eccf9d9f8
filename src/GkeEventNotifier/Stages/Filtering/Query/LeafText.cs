using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// The text of a scalar JSON value without allocating a string: the raw UTF-8 is decoded into a pooled buffer. Only a
/// string with escape sequences falls back to <see cref="JsonElement.GetString"/>. Numbers and Booleans give their JSON text.
/// </summary>
internal readonly struct LeafText : IDisposable
{
    private readonly char[]? _rented;
    private readonly string? _string;
    private readonly int _length;

    private LeafText(char[]? rented, string? text, int length)
    {
        _rented = rented;
        _string = text;
        _length = length;
    }

    public ReadOnlySpan<char> Span => _string is not null ? _string.AsSpan() : _rented.AsSpan(0, _length);

    /// <summary>Only for String, Number, True and False elements.</summary>
    public static LeafText Of(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (element.ValueKind == JsonValueKind.String)
        {
            raw = raw[1..^1];
            if (raw.Contains((byte)'\\'))
            {
                return new LeafText(null, element.GetString() ?? string.Empty, 0);
            }
        }

        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(raw.Length, 1));
        var length = Encoding.UTF8.GetChars(raw, buffer);
        return new LeafText(buffer, null, length);
    }

    /// <summary>
    /// The raw UTF-8 of a string element when it has no escapes and is all ASCII, else empty (also for an empty string,
    /// which the caller then compares the ordinary way).
    /// </summary>
    public static ReadOnlySpan<byte> RawAscii(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element)[1..^1];
        return raw.Contains((byte)'\\') || !Ascii.IsValid(raw) ? default : raw;
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
        }
    }
}
