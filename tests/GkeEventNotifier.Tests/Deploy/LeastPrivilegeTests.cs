using System.Text.RegularExpressions;
using GkeEventNotifier.Tests.Deploy.ProviderSchema;

namespace GkeEventNotifier.Tests.Deploy;

/// <summary>
/// The IAM the module grants, read from its .tf files, against what the README says: each identity holds only what it
/// uses, and the custom role holds exactly the permissions the README's table and gcloud command name.
/// </summary>
public sealed partial class LeastPrivilegeTests
{
    private static readonly string Module = RepositoryRoot.Combine("terraform", "modules", "gke-event-notifier");

    private static readonly List<HclBlock> Resources = [.. Directory.EnumerateFiles(Module, "*.tf")
        .SelectMany(path => Hcl.Parse(File.ReadAllText(path), Path.GetFileName(path)).Blocks)
        .Where(block => block.Type == "resource")];

    [Fact]
    public void TriggerAccount_HoldsNoProjectRole_AndMayInvokeOnlyTheFunctionsOwnService()
    {
        var projectGrants = Resources.Where(r => r.Labels[0] == "google_project_iam_member").Select(r => Argument(r, "member"));
        var invoker = Assert.Single(Resources, r => Argument(r, "role") == "\"roles/run.invoker\"");

        Assert.DoesNotContain("google_service_account.trigger.member", projectGrants);
        Assert.DoesNotContain(Resources, r => Argument(r, "role") == "\"roles/eventarc.eventReceiver\"");
        Assert.Equal("google_cloud_run_v2_service_iam_member", invoker.Labels[0]);
        Assert.Equal("google_service_account.trigger.member", Argument(invoker, "member"));
        Assert.Equal("google_cloudfunctions2_function.notifier[0].service_config[0].service", Argument(invoker, "name"));
    }

    [Fact]
    public void PubSubServiceAgent_MayMintTokensForTheTriggerAccountOnly()
    {
        var grant = Assert.Single(Resources, r => Argument(r, "role") == "\"roles/iam.serviceAccountTokenCreator\"");

        Assert.Equal("google_service_account_iam_member", grant.Labels[0]);
        Assert.Equal("google_service_account.trigger.name", Argument(grant, "service_account_id"));
        Assert.Equal("local.pubsub_service_agent", Argument(grant, "member"));
    }

    [Fact]
    public void PodLookupRole_HoldsExactlyThePermissionsTheReadmeNames_ConnectAmongThem()
    {
        var role = Assert.Single(Resources, r => r.Labels is ["google_project_iam_custom_role", "pod_lookup"]);
        var granted = QuotedPattern().Matches(Argument(role, "permissions")!).Select(m => m.Groups["value"].Value).Order().ToList();
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        var documented = PermissionsFlagPattern().Match(readme).Groups["list"].Value.Split(',').Order().ToList();
        var tabled = TablePermissionPattern().Matches(readme).Select(m => m.Groups["permission"].Value).Distinct().Order().ToList();

        Assert.Contains("container.clusters.connect", granted);
        Assert.Equal(granted, documented);
        Assert.Equal(granted, tabled);
        Assert.Contains($"with those {Words[granted.Count]} permissions", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RunsAsItsOwnAccount_InTerraformAndInTheReadmeCommand()
    {
        var function = Assert.Single(Resources, r => r.Labels[0] == "google_cloudfunctions2_function");
        var buildConfig = Assert.Single(function.Body.Blocks, b => b.Type == "build_config");

        Assert.Equal("local.build_service_account_name", Assert.Single(buildConfig.Body.Attributes, a => a.Name == "service_account").Expression);
        Assert.Contains(ReadmeDeployCommand.Read().Arguments, a => a.StartsWith("--build-service-account=projects/", StringComparison.Ordinal));
        Assert.Contains("\"roles/run.builder\"", Resources.Select(r => Argument(r, "role")));
    }

    [Fact]
    public void EnabledApis_IncludeCloudResourceManager_WhichTheProjectLookUpNeeds()
    {
        var main = File.ReadAllText(Path.Combine(Module, "main.tf"));

        Assert.Contains("data \"google_project\" \"this\"", main, StringComparison.Ordinal);
        Assert.Contains("\"cloudresourcemanager.googleapis.com\"", main, StringComparison.Ordinal);
    }

    [Fact]
    public void GcloudIgnore_RefersOnlyToFilesThatExist()
    {
        var paths = RepositoryPathPattern().Matches(File.ReadAllText(RepositoryRoot.Combine(".gcloudignore"))).Select(m => m.Value).ToList();

        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(File.Exists(RepositoryRoot.Combine(path)) || Directory.Exists(RepositoryRoot.Combine(path)), $".gcloudignore names {path}, which does not exist"));
    }

    private static readonly string[] Words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    private static string? Argument(HclBlock block, string name) => block.Body.Attributes.FirstOrDefault(a => a.Name == name)?.Expression;

    [GeneratedRegex("\"(?<value>[^\"]+)\"")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"gcloud iam roles create [^\n]*\n[^\n]*\n\s*--permissions=(?<list>[a-zA-Z.,]+)")]
    private static partial Regex PermissionsFlagPattern();

    [GeneratedRegex(@"^\|[^\n]*\| `(?<permission>container\.[a-zA-Z.]+)` \|[^\n]*\|$", RegexOptions.Multiline)]
    private static partial Regex TablePermissionPattern();

    [GeneratedRegex(@"terraform/[A-Za-z0-9_./-]+[A-Za-z0-9_]")]
    private static partial Regex RepositoryPathPattern();
}
