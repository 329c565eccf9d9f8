namespace GkeEventNotifier.Tests.Deploy;

public sealed class TerraformFormatTests
{
    [SkippableFact]
    public async Task EveryTerraformFile_IsFormattedTheWayTerraformFmtWritesIt()
    {
        var terraform = Terraform.Require();

        var result = await terraform.RunAsync(
            ["fmt", "-check", "-recursive", "-diff", "-no-color", "terraform"], RepositoryRoot.Path, CancellationToken.None);

        Assert.True(result.ExitCode == 0, $"Run `terraform fmt -recursive terraform` and commit the result.\n{result}");
    }
}
