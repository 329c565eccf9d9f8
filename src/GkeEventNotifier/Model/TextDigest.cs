using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace GkeEventNotifier.Model;

/// <summary>
/// SHA-256 of a text's UTF-8 bytes, the digest behind record ids, post marks and group object ids. The bytes are
/// encoded on the stack (or a pooled buffer for long text) rather than allocated for each digest, as an alert takes
/// several; an unpaired surrogate becomes U+FFFD, as <see cref="Encoding.UTF8"/> makes of it anywhere.
/// </summary>
internal static class TextDigest
{
    private const int StackBytes = 512;

    public static void Sha256(ReadOnlySpan<char> text, Span<byte> digest)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = most > StackBytes ? ArrayPool<byte>.Shared.Rent(most) : null;
        try
        {
            var utf8 = rented ?? stackalloc byte[StackBytes];
            var length = Encoding.UTF8.GetBytes(text, utf8);
            SHA256.HashData(utf8[..length], digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
