using System.Buffers;

namespace GkeEventNotifier.Function;

/// <summary>Reads a request body up to a limit; null when it is larger. Checked while reading when no Content-Length announces it.</summary>
internal static class RequestBody
{
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.ContentLength is { } length)
        {
            return await ReadExactlyAsync(request.Body, (int)length, cancellationToken);
        }

        using var buffer = new MemoryStream(4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A body of announced length is read straight into one array of that size (no growing copy and no second copy
    /// at the end: a 700 KB push costs 700 KB, not three times that). Kestrel never hands out more than the announced
    /// length, and a body that ends early is what it is.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        var filled = 0;
        int read;
        while (filled < length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return buffer.AsMemory(0, filled);
    }
}
