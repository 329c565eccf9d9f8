namespace GkeEventNotifier.Tests.Deploy;

public sealed class TerraformReadsTheRepositoryTests
{
    [SkippableFact]
    public async Task SinkFilter_IsTheDefaultFilterFileWithoutItsCommentLines()
    {
        var terraform = Terraform.Require();
        var queryLines = File.ReadAllLines(RepositoryRoot.Combine("filters", "default.filter"))
            .Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal) && line.Trim().Length > 0);

        var (sinkFilter, _) = await RepositoryFilesModule.EvaluateAsync(terraform, CancellationToken.None);

        Assert.Equal(string.Join('\n', queryLines).Trim(), sinkFilter);
        Assert.DoesNotContain(sinkFilter.Split('\n'), line => line.TrimStart().StartsWith("--", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task FunctionSourceZippedByTerraform_HoldsTheSameFilesAsGcloudUploads()
    {
        var terraform = Terraform.Require();
        using var gcloud = Gcloud.Require();

        var (_, zipped) = await RepositoryFilesModule.EvaluateAsync(terraform, CancellationToken.None);
        var uploaded = await gcloud.FilesForUploadAsync(RepositoryRoot.Path, CancellationToken.None);

        Assert.Equal(uploaded, zipped.Order(StringComparer.Ordinal));
        Assert.Contains("src/GkeEventNotifier.Function/GkeEventNotifier.Function.csproj", uploaded);
        Assert.DoesNotContain(uploaded, path => path.StartsWith("tests/", StringComparison.Ordinal));
    }
}
