using GkeEventNotifier.Filtering;
using GkeEventNotifier.Filtering.Query;

namespace GkeEventNotifier.Tests.Filtering;

public sealed class DefaultFilterTests
{
    private static readonly LoggingQuery Default = LoggingQuery.Parse(DefaultFilter.Text);

    [Fact]
    public void EmbeddedDefault_IsTheRepositoryFilterFile()
    {
        var repositoryFile = Path.Combine(LogEntryFixtures.SamplesDirectory, "..", "..", "..", "..", "..", "..", "..", "filters", "default.filter");

        Assert.Equal(File.ReadAllText(repositoryFile), DefaultFilter.Text);
    }

    [Fact]
    public void SampleExport_AlertsOnEvictionsFailuresOomScaleDownAndJobs_NotOnNoise()
    {
        var matched = LogEntryFixtures.Samples().Select((entry, i) => (Number: i + 1, Matched: Default.Matches(entry)))
            .Where(e => e.Matched).Select(e => e.Number);

        // 1 Evicted, 4 Failed image pull, 6 OOMKilling of python3, 8 ScaleDown in shop, 9 BackoffLimitExceeded.
        // Not: 2 Pulling, 3 Failed "… not registered", 5 OOMKilling of fluent-bit, 7 ScaleDown in kube-system, 10 log stdout.
        Assert.Equal([1, 4, 6, 8, 9], matched);
    }

    [Theory]
    [InlineData("Failed", "MountVolume.SetUp failed for volume \"pvc-1\" : cannot find volume \"data\" to mount into container", false)]
    [InlineData("Failed", "Error: ImagePullBackOff", true)]
    [InlineData("OOMKilling", "Memory cgroup out of memory: Killed process 1 (otelsvc) total-vm:1kB", false)]
    [InlineData("OOMKilling", "Memory cgroup out of memory: Killed process 1 (gke-metrics-agent) total-vm:1kB", false)]
    [InlineData("OOMKilling", "Memory cgroup out of memory: Killed process 1 (java) total-vm:1kB", true)]
    [InlineData("Pulled", "Successfully pulled image", false)]
    public void KnownNoise_IsDropped_RealProblemsAreKept(string reason, string message, bool expected)
    {
        Assert.Equal(expected, Default.Matches(LogEntryFixtures.Event(reason: reason, message: message)));
    }

    [Fact]
    public void EntriesOfOtherResourceTypes_AreDropped()
    {
        Assert.False(Default.Matches(LogEntryFixtures.Event(resourceType: "gce_instance")));
    }
}
