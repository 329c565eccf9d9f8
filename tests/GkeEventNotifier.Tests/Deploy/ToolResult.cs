namespace GkeEventNotifier.Tests.Deploy;

/// <summary>What an external command left behind: its exit code and both output streams.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
