namespace GkeEventNotifier.Model;

/// <summary>
/// One container of a pod: spec (memory limit and request) joined with status. Kubernetes keeps only the latest
/// termination, in <c>state.terminated</c> while the container is dead and in <c>lastState.terminated</c> after a restart.
/// </summary>
public sealed record ContainerSnapshot(
    string Name,
    bool IsInit,
    string? ContainerId,
    int RestartCount,
    string? MemoryLimit,
    string? MemoryRequest,
    bool IsRunning,
    Termination? Current,
    Termination? Last)
{
    /// <summary>The termination the OOM killer caused, if any: the current one first, else the one before the restart.</summary>
    public Termination? OomTermination =>
        Current is { IsOomKilled: true } ? Current : Last is { IsOomKilled: true } ? Last : null;

    public bool HasId(string containerId) =>
        ContainerId is not null && ContainerId.EndsWith(containerId, StringComparison.Ordinal)
        || Current?.ContainerId?.EndsWith(containerId, StringComparison.Ordinal) == true
        || Last?.ContainerId?.EndsWith(containerId, StringComparison.Ordinal) == true;
}

/// <summary>A <c>ContainerStateTerminated</c>: reason, exit code, when it ended (1 s resolution) and which container instance.</summary>
public sealed record Termination(string? Reason, int ExitCode, DateTimeOffset? FinishedAt, string? ContainerId)
{
    public bool IsOomKilled => string.Equals(Reason, "OOMKilled", StringComparison.Ordinal);
}
