using GkeEventNotifier.Tests.Host;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Security;

/// <summary>On GCP without <c>CLUSTER_PROJECTS</c>, any LogEntry can make the function describe any cluster: the start-up says so.</summary>
public sealed class ClusterProjectsStartupTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("acme-prod", false)]
    public async Task OnGcp_StartupWarnsWhenClusterProjectsIsNotSet(string? projects, bool warns)
    {
        using var factory = new FunctionFactory(new Dictionary<string, string?> { ["K_SERVICE"] = "gke-event-notifier", ["CLUSTER_PROJECTS"] = projects });
        _ = factory.CreateClient();

        // The report is written from the host's ApplicationStarted callback, which may run just after start returns.
        await Eventually.TrueAsync(() => factory.Logs.GetSnapshot().Any(r => r.Message.StartsWith("Filter:", StringComparison.Ordinal)), TimeSpan.FromSeconds(5));

        await Task.Delay(100);
        Assert.Equal(warns, factory.Logs.GetSnapshot().Any(r => r.Level == LogLevel.Warning && r.Message.StartsWith("CLUSTER_PROJECTS is not set", StringComparison.Ordinal)));
    }
}
