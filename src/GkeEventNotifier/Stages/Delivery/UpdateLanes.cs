namespace GkeEventNotifier.Stages.Delivery;

/// <summary>
/// One lane per posted alert for its <c>chat.update</c>s: updates of one alert go one at a time, so the last one never
/// shows an older count; updates of different alerts run side by side, so one slow update holds up no other alert.
/// Striped over a fixed number of semaphores: memory stays the same however many alerts are updated (two alerts that
/// share a stripe only wait for each other).
/// </summary>
internal sealed class UpdateLanes : IDisposable
{
    private const int Stripes = 256;

    private readonly SemaphoreSlim[] lanes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> EnterAsync(string channel, string ts, CancellationToken cancellationToken)
    {
        var lane = lanes[(uint)HashCode.Combine(StringComparer.Ordinal.GetHashCode(channel), StringComparer.Ordinal.GetHashCode(ts)) % Stripes];
        await lane.WaitAsync(cancellationToken);
        return new Exit(lane);
    }

    public void Dispose()
    {
        foreach (var lane in lanes)
        {
            lane.Dispose();
        }
    }

    private sealed class Exit(SemaphoreSlim lane) : IDisposable
    {
        public void Dispose() => lane.Release();
    }
}
