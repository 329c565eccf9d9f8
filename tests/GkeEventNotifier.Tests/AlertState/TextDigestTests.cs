using System.Security.Cryptography;
using System.Text;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Tests.AlertState;

/// <summary>
/// Record ids, post marks and group object ids are digests other instances (and other revisions during a deploy)
/// compute too: the digest of a text is SHA-256 of its UTF-8 bytes, short or long, whatever characters it holds.
/// </summary>
public sealed class TextDigestTests
{
    public static TheoryData<string> Texts() => new(
        "", "message 8812345678901234", "event gke_acme-shop-prod_europe-west1_shop-eu1/3f9c2a10-7d1b-4c55-9a0e-1b2c3d4e5f60",
        "🙂 日本 é \u202E\u0000", "lone \uD800 high and \uDC00 low surrogate", new string('x', 170) + "é", new string('€', 2000), new string('a', 100_000));

    [Theory]
    [MemberData(nameof(Texts))]
    public void Digest_IsSha256OfTheUtf8Bytes(string text)
    {
        Span<byte> digest = stackalloc byte[32];

        TextDigest.Sha256(text, digest);

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(text)), digest.ToArray());
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void RecordKeyHash_IsTheDigestsStartInUrlSafeBase64WithoutPadding(string text)
    {
        foreach (var bytes in new[] { 12, 16, 32 })
        {
            var expected = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

            Assert.Equal(expected, RecordKey.Hash(text, bytes));
        }
    }
}
