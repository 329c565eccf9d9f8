using System.Text.RegularExpressions;

namespace GkeEventNotifier.Tests.Deploy;

public sealed partial class ReadmeDocumentsTerraformTests
{
    [Fact]
    public void EveryTerraformVariable_IsNamedInTheReadme()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));

        var undocumented = Declared(VariablePattern()).Where(name => !readme.Contains($"`{name}`", StringComparison.Ordinal));

        Assert.Empty(undocumented);
    }

    [Fact]
    public void EveryTerraformOutput_IsNamedInTheReadme()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));

        var undocumented = Declared(OutputPattern()).Where(name => !readme.Contains($"`{name}`", StringComparison.Ordinal));

        Assert.Empty(undocumented);
    }

    private static SortedSet<string> Declared(Regex pattern)
    {
        var names = Directory.EnumerateFiles(RepositoryRoot.Combine("terraform"), "*.tf", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => pattern.Matches(File.ReadAllText(path)).Select(m => m.Groups["name"].Value));
        var declared = new SortedSet<string>(names, StringComparer.Ordinal);
        Assert.NotEmpty(declared);
        return declared;
    }

    [GeneratedRegex("""^variable\s+"(?<name>[A-Za-z0-9_-]+)"\s*\{""", RegexOptions.Multiline)]
    private static partial Regex VariablePattern();

    [GeneratedRegex("""^output\s+"(?<name>[A-Za-z0-9_-]+)"\s*\{""", RegexOptions.Multiline)]
    private static partial Regex OutputPattern();
}
