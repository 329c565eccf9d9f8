using GkeEventNotifier.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>A fake Slack whose message timestamps follow the test's fake clock, so history windows behave as in Slack.</summary>
public abstract class FakeSlackOnFakeClock : IAsyncLifetime
{
    protected FakeTimeProvider Time { get; } = new(PipelineHarness.Start);

    protected FakeSlackServer Slack { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Slack = await FakeSlackServer.StartAsync();
        Slack.Clock = Time.GetUtcNow;
    }

    public virtual async Task DisposeAsync() => await Slack.DisposeAsync();
}
