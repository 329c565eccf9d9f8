namespace GkeEventNotifier.Tests.Cli;

/// <summary>replay --pods: OOM alerts name the pod from a kubectl snapshot, offline; without one the kernel line still says what it knows.</summary>
public sealed class ReplayPodsTests
{
    private static readonly string Snapshot = Samples.Path_("pods/shop-eu1-pods.json");

    [Fact]
    public async Task SampleExportWithTheSampleSnapshot_ShowsAnExactAndALikelyAttribution()
    {
        var (code, output, error) = await ReplayCommandTests.Run(["replay", "--pods", Snapshot, Samples.Path_("gke-events-export.json")]);

        Assert.Equal(0, code);
        Assert.DoesNotContain("look-up failed", output + error, StringComparison.Ordinal);
        var exact = Section(output, "Process: node (pid 51020)");
        Assert.Contains("Pod: shop/storefront-ssr-6c8d7f9b4-tx2vq", exact, StringComparison.Ordinal);
        Assert.Contains("Container: ssr", exact, StringComparison.Ordinal);
        Assert.Contains("Owner: Deployment storefront-ssr", exact, StringComparison.Ordinal);
        Assert.Contains("Confidence: exact", exact, StringComparison.Ordinal);
        var likely = Section(output, "Process: python3 (pid 48213)");
        Assert.Contains("Pod: ml/recommender-trainer-5d7f9c8b6-wq4zn", likely, StringComparison.Ordinal);
        Assert.Contains("Confidence: likely", likely, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutASnapshot_TheAlertStillShowsThePodUidAndContainerIdOfTheKernelLine()
    {
        var (code, output, _) = await ReplayCommandTests.Run(["replay", Samples.Path_("entries/keep-oomkilling-cgroup.json")]);

        Assert.Equal(0, code);
        Assert.Contains("Pod UID (from the kernel line): 5b0d7e2a-8c41-4f6e-9a37-2e1c0b9d4f18", output, StringComparison.Ordinal);
        Assert.Contains("Container id (from the kernel line): 3f9a1c7e5b2d", output, StringComparison.Ordinal);
        Assert.Contains("Confidence: unknown (look-up failed)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralSnapshotFiles_AreAllRead()
    {
        var other = Path.GetTempFileName();
        await File.WriteAllTextAsync(other, """{"apiVersion":"v1","kind":"List","items":[]}""");
        try
        {
            var (code, output, _) = await ReplayCommandTests.Run(["replay", "--pods", other, "--pods", Snapshot, Samples.Path_("entries/keep-oomkilling-cgroup.json")]);

            Assert.Equal(0, code);
            Assert.Contains("Confidence: exact", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(other);
        }
    }

    [Fact]
    public async Task ASnapshotThatIsNotKubectlOutput_IsAUsageError_NamingTheFile()
    {
        var (code, _, error) = await ReplayCommandTests.Run(["replay", "--pods", Samples.Path_("entries/keep-evicted.json"), Samples.Path_("entries/keep-oomkilling-cgroup.json")]);

        Assert.Equal(2, code);
        Assert.StartsWith($"error: --pods {Samples.Path_("entries/keep-evicted.json")}: not the JSON of 'kubectl get pods -A -o json'", error, StringComparison.Ordinal);
    }

    /// <summary>The alert (between two "Open in Cloud Logging" lines) that contains <paramref name="marker"/>.</summary>
    private static string Section(string output, string marker) =>
        Assert.Single(output.Split("Open in Cloud Logging", StringSplitOptions.None), part => part.Contains(marker, StringComparison.Ordinal));
}
