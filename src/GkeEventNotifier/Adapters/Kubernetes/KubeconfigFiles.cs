namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary><c>KUBECONFIG</c> is a list of files, separated as <c>PATH</c> is, exactly as kubectl reads it.</summary>
internal static class KubeconfigFiles
{
    public static string[] Split(string kubeconfig) =>
        kubeconfig.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
