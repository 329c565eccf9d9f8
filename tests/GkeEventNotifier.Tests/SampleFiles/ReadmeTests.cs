using System.Text.RegularExpressions;
using GkeEventNotifier.Tests.Cli;

namespace GkeEventNotifier.Tests.SampleFiles;

/// <summary>
/// The README says what is true of the repository: every file listing marked <c>&lt;!-- listing: PATH --&gt;</c> is that
/// file, every repository path it names exists, and every <c>gke-events</c> command and option it names is one the tool has.
/// </summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = RepositoryRoot();
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));

    [Fact]
    public void EveryMarkedListing_IsTheFileItNames_AndTheDefaultFilterIsListed()
    {
        var listings = ListingPattern().Matches(Readme);

        Assert.Contains(listings, m => m.Groups["path"].Value == "filters/default.filter");
        Assert.All(listings, listing =>
            Assert.Equal(File.ReadAllText(Path.Combine(Root, listing.Groups["path"].Value)), listing.Groups["text"].Value));
    }

    [Fact]
    public void EveryRepositoryPathTheReadmeNames_Exists()
    {
        var paths = PathPattern().Matches(Readme).Select(m => m.Groups["path"].Value.TrimEnd('.')).Distinct().ToList();

        Assert.Contains("samples/pods/shop-eu1-pods.json", paths);
        var missing = paths.Where(path => !File.Exists(Path.Combine(Root, path)) && !Directory.Exists(Path.Combine(Root, path))).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task EveryGkeEventsCommandAndOptionTheReadmeNames_Exists()
    {
        var uses = CommandPattern().Matches(Readme).ToList();
        Assert.Contains(uses, use => use.Groups["command"].Value == "route test");

        foreach (var use in uses)
        {
            var command = use.Groups["command"].Value.Split(' ');
            var (code, help, error) = await ReplayCommandTests.Run([.. command, "--help"]);

            var usage = help.Split('\n').SkipWhile(line => !line.StartsWith("Usage:", StringComparison.Ordinal)).Skip(1).FirstOrDefault() ?? "";
            Assert.True(
                code == 0 && (usage.Contains($" {use.Groups["command"].Value} ", StringComparison.Ordinal) || usage.EndsWith($" {use.Groups["command"].Value}", StringComparison.Ordinal)),
                $"README names 'gke-events {use.Groups["command"].Value}', which the tool does not have: {error}{usage}");
            foreach (Match option in OptionPattern().Matches(use.Groups["rest"].Value))
            {
                Assert.True(help.Contains(option.Value + " ", StringComparison.Ordinal), $"README names 'gke-events {use.Groups["command"].Value} {option.Value}', which has no such option");
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "function.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("the repository root (function.sln) is not above the test output");
    }

    [GeneratedRegex(@"<!-- listing: (?<path>[^ ]+) -->\n```[a-z]*\n(?<text>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ListingPattern();

    /// <summary>Repository-relative paths: a top-level folder of the repository and what follows, not part of a longer path.</summary>
    [GeneratedRegex(@"(?<![\w./~$-])(?<path>(?:src|tests|samples|filters|docs|terraform|scripts|\.ci)/[\w./-]*[\w/]|SECURITY\.md|function\.sln)")]
    private static partial Regex PathPattern();

    /// <summary>"gke-events" then one or two command words, and the rest of that line up to the end of the code span.</summary>
    [GeneratedRegex(@"(?<![\w/-])gke-events (?<command>[a-z]+(?: [a-z]+(?=[\s`|]|$))?)(?<rest>[^`\n|]*)")]
    private static partial Regex CommandPattern();

    [GeneratedRegex(@"--[a-z][a-z-]*")]
    private static partial Regex OptionPattern();
}
