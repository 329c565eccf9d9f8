namespace GkeEventNotifier.Stages.Filtering;

/// <summary>
/// The built-in filter: <c>filters/default.filter</c> at the repository root, embedded at build time. Terraform gives the
/// same file to the Logs Router sink, so the sink and the function cannot drift apart.
/// </summary>
internal static class DefaultFilter
{
    public const string ResourceName = "GkeEventNotifier.default.filter";

    public static string Text { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(DefaultFilter).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
