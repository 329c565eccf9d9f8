namespace GkeEventNotifier.Tests.Deploy;

/// <summary>The installed terraform. No registry is needed: only fmt and provider-less modules are run.</summary>
internal sealed class Terraform
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["TF_IN_AUTOMATION"] = "1",
        ["TF_INPUT"] = "0",
        ["CHECKPOINT_DISABLE"] = "1",
    };

    private readonly string _path;

    private Terraform(string path) => _path = path;

    public static Terraform Require() =>
        new(ExternalTool.Require("terraform", "install Terraform >= 1.9 (https://developer.hashicorp.com/terraform/install) to run this check"));

    public Task<ToolResult> RunAsync(IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        ExternalTool.RunAsync(_path, arguments, workingDirectory, Environment, Timeout, cancellationToken);

    public async Task<ToolResult> RunCheckedAsync(IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var result = await RunAsync(arguments, workingDirectory, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"terraform {string.Join(' ', arguments)} failed: {result}");
        }

        return result;
    }
}
