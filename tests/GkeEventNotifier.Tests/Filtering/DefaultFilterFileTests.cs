using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Filtering.Query;

namespace GkeEventNotifier.Tests.Filtering;

public sealed class DefaultFilterFileTests
{
    private static readonly LoggingQuery Default = LoggingQuery.Parse(DefaultFilter.Text);

    /// <summary>
    /// samples/gke-events-export.json: 1, 2 OOMKilling of java and python3; 4 ScaleDown in search; 5 Failed image pull;
    /// 7 BackoffLimitExceeded; 9 Evicted. Not: 3 ScaleDown in kube-system, 6 Pulled "already present on machine", 8 FailedToUpdateEndpoint,
    /// 10 Failed "… not registered", 11 Failed "cannot find volume", 12 OOMKilling of fluent-bit. 13 the exporter's restart notice (a blind-spot notice).
    /// Then 14 DeadlineExceeded of a Job and 15 SawCompletedJob "status: Complete" (CronJob recovery); not 16, the same with "status: Failed".
    /// 17 OOMKilling of node whose kernel line carries the cgroup path.
    /// </summary>
    private static readonly int[] ExpectedMatches = [1, 2, 4, 5, 7, 9, 13, 14, 15, 17];

    [Fact]
    public void EmbeddedDefault_IsTheRepositoryFilterFile()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "filters", "default.filter")), DefaultFilter.Text);
    }

    [Fact]
    public void SampleExport_AlertsOnEvictionsFailuresOomScaleDownAndJobs_NotOnNoise()
    {
        var matched = LogEntryFixtures.Export().Select((entry, i) => (Number: i + 1, Matched: Default.Matches(entry)))
            .Where(e => e.Matched).Select(e => e.Number);

        Assert.Equal(ExpectedMatches, matched);
    }

    [Theory]
    [InlineData("Failed", "MountVolume.SetUp failed for volume \"pvc-1\" : cannot find volume \"data\" to mount into container", false)]
    [InlineData("Failed", "Error: ImagePullBackOff", true)]
    [InlineData("OOMKilling", "Memory cgroup out of memory: Killed process 1 (otelsvc) total-vm:1kB", false)]
    [InlineData("OOMKilling", "Memory cgroup out of memory: Killed process 1 (gke-metrics-agent) total-vm:1kB", false)]
    [InlineData("OOMKilling", "Memory cgroup out of memory: Killed process 1 (java) total-vm:1kB", true)]
    [InlineData("Pulled", "Successfully pulled image", true)]
    [InlineData("Pulled", "Container image \"cart:2.14.0\" already present on machine", false)]
    public void KnownNoise_IsDropped_RealProblemsAreKept(string reason, string message, bool expected)
    {
        Assert.Equal(expected, Default.Matches(LogEntryFixtures.Event(reason: reason, message: message)));
    }

    /// <summary>
    /// The function loads the built-in filter with its regular expression built at first use (a cold start does not pay
    /// for it): it must decide as the filter compiled at once, the regular-expression term included. Parsing it with
    /// <see cref="LoggingQuery.Parse(string)"/> above is what proves the expression compiles.
    /// </summary>
    [Theory]
    [InlineData("Node", "Node condition FrequentContainerdRestart is now: True, reason: FrequentContainerdRestart", true)]
    [InlineData("Node", "Node condition KernelDeadlock is now: False, reason: KernelHasNoDeadlock", true)]
    [InlineData("Node", "Node condition is now: True", false)]
    [InlineData("Pod", "Node condition KernelDeadlock is now: True", false)]
    public void BuiltInFilter_AsTheFunctionLoadsIt_DecidesAsTheFilterCompiledAtOnce(string kind, string message, bool expected)
    {
        var entry = LogEntryFixtures.Event(reason: "NodeProblem", message: message, kind: kind, resourceType: "k8s_node");
        var builtIn = new FilterSource(DefaultFilter.Text, "the built-in default filter", BuiltIn: true).Compile();

        Assert.Equal(expected, builtIn.Matches(entry));
        Assert.Equal(Default.Matches(entry), builtIn.Matches(entry));
        Assert.Equal(LogEntryFixtures.Export().Select(Default.Matches), LogEntryFixtures.Export().Select(builtIn.Matches));
    }

    [Fact]
    public void EntriesOfOtherResourceTypes_AreDropped()
    {
        Assert.False(Default.Matches(LogEntryFixtures.Event(resourceType: "gce_instance")));
    }
}
