namespace GkeEventNotifier.Tests.Deploy;

/// <summary>
/// The module's variables.tf, planned on its own in a throw-away root (it declares no resources, so no provider is
/// needed): values that would pass a plan of the whole module and fail only at deploy are refused here, by name.
/// </summary>
public sealed class VariableValidationTests
{
    [SkippableTheory]
    [InlineData("-var=available_cpu=0.5", "available_cpu must be at least 1 when max_instance_request_concurrency is above 1 (it is 8)")]
    [InlineData("-var=name_prefix=notifier-for-gke-events-x", "the service account ID \"notifier-for-gke-events-x-trigger\" would be over 30 characters")]
    [InlineData("-var=source_bucket=gke-event-notifier-function-sources-for-the-platform-team-project", "source_bucket must be a Cloud Storage bucket name: 3-63")]
    [InlineData("-var=source_bucket=google-notifier-source", "not starting with \"goog\"")]
    [InlineData("-var=min_instance_count=5", "min_instance_count (5) must not be above max_instance_count (3)")]
    [InlineData("-var=function_environment={EVENT_FILTER=\"severity>=ERROR\"}", "EVENT_FILTER, EVENT_FILTER_FILE and NOTIFIER_CONFIG_FILE are set by the module")]
    [InlineData("-var=routing_file=/nonexistent/notifier-config.yaml", "routing_file must name an existing file")]
    [InlineData("-var=build_service_account=builder", "build_service_account must be a service account e-mail")]
    [InlineData("-var=recovery_check_minutes=7", "recovery_check_minutes must divide an hour")]
    public async Task ValueThatWouldFailAtDeploy_IsRefusedAtPlanWithItsReason(string assignment, string reason)
    {
        var terraform = Terraform.Require();

        var result = await PlanAsync(terraform, ["-var=name_prefix=notifier-events", assignment]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(reason, Unwrapped(result.StandardError), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ConcurrencyOfOne_IsAcceptedOnAFractionOfAVcpu_AndTheDefaultsPlan()
    {
        var terraform = Terraform.Require();

        var fractional = await PlanAsync(terraform, ["-var=available_cpu=0.5", "-var=max_instance_request_concurrency=1"]);
        var defaults = await PlanAsync(terraform, []);

        Assert.True(fractional.ExitCode == 0, fractional.ToString());
        Assert.True(defaults.ExitCode == 0, defaults.ToString());
    }

    private static async Task<ToolResult> PlanAsync(Terraform terraform, IEnumerable<string> assignments)
    {
        var root = Directory.CreateTempSubdirectory("tf-variables-");
        try
        {
            File.Copy(RepositoryRoot.Combine("terraform", "modules", "gke-event-notifier", "variables.tf"), Path.Combine(root.FullName, "variables.tf"));
            await terraform.RunCheckedAsync(["init", "-backend=false", "-no-color"], root.FullName, CancellationToken.None);
            return await terraform.RunAsync(
                ["plan", "-no-color", "-input=false", "-var=project_id=my-project-123", .. assignments], root.FullName, CancellationToken.None);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>terraform wraps long error messages; the reason is checked as one line.</summary>
    private static string Unwrapped(string text) =>
        string.Join(' ', text.Split('\n').Select(line => line.Trim().TrimStart('│').Trim()).Where(line => line.Length > 0));
}
