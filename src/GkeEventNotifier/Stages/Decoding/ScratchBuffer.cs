using System.Buffers;

namespace GkeEventNotifier.Stages.Decoding;

/// <summary>
/// A byte buffer for one decode. Typical entries (a few KB) borrow from <see cref="ArrayPool{T}.Shared"/>; anything
/// larger than <see cref="PooledLimit"/> is allocated and left to the collector, because the shared pool keeps what it
/// is given per core and per thread for the life of the process: a few 500 KB messages would otherwise stay resident
/// (measured: 24 MB of the function's memory after a run of large alerts).
/// </summary>
internal readonly struct ScratchBuffer : IDisposable
{
    public const int PooledLimit = 64 * 1024;

    private readonly byte[] array;
    private readonly bool pooled;

    private ScratchBuffer(byte[] array, bool pooled, int length)
    {
        this.array = array;
        this.pooled = pooled;
        Length = length;
    }

    public int Length { get; }

    public Span<byte> Span => array.AsSpan(0, Length);

    public Memory<byte> Memory => array.AsMemory(0, Length);

    public static ScratchBuffer Rent(int length) => length <= PooledLimit
        ? new ScratchBuffer(ArrayPool<byte>.Shared.Rent(length), pooled: true, length)
        : new ScratchBuffer(new byte[length], pooled: false, length);

    public void Dispose()
    {
        if (pooled)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
