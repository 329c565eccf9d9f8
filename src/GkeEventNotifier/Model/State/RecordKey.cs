using System.Buffers.Text;

namespace GkeEventNotifier.Model.State;

/// <summary>
/// Where a record lives: a collection and an <see cref="Id"/> derived from a key built from event data. The key can hold
/// <c>/</c>, be long or hostile, so the id is a SHA-256 of it (43 URL-safe characters) and the record keeps at most
/// <see cref="MaxKeptKeyLength"/> characters of the key itself (<see cref="Readable"/>), for people reading the store.
/// </summary>
internal sealed record RecordKey(string Collection, string Id, string Readable)
{
    public const int MaxKeptKeyLength = 256;

    public static RecordKey For(string collection, string key) =>
        new(collection, Hash(key, 32), key.Length <= MaxKeptKeyLength ? key : key[..MaxKeptKeyLength]);

    /// <summary>A short URL-safe SHA-256 digest of <paramref name="text"/>: its first <paramref name="bytes"/> bytes.</summary>
    public static string Hash(string text, int bytes)
    {
        Span<byte> digest = stackalloc byte[32];
        TextDigest.Sha256(text, digest);
        return Base64Url.EncodeToString(digest[..bytes]);
    }
}
