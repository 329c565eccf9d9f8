namespace GkeEventNotifier.Tests;

/// <summary>
/// The one way tests wait for something that happens asynchronously (a log line, a Slack call, a port): poll a
/// condition until it holds or a deadline passes, so a missing outcome fails the test instead of hanging it.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>Whether <paramref name="condition"/> held within <paramref name="timeout"/>; the caller asserts with its own message.</summary>
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? every = null) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, every);

    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? every = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(every ?? DefaultEvery);
        }
    }

    /// <summary>Waits for <paramref name="condition"/>, or throws a <see cref="TimeoutException"/> that says what was awaited.</summary>
    public static async Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe, TimeSpan? every = null)
    {
        if (!await TrueAsync(condition, timeout, every))
        {
            throw new TimeoutException($"not within {timeout.TotalSeconds:0.#} s: {describe()}");
        }
    }
}
