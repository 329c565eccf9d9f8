namespace GkeEventNotifier.Tests.Deploy;

/// <summary>The checked-out repository the tests were built from (the directory holding function.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "function.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No function.sln above {AppContext.BaseDirectory}.");
    }
}
