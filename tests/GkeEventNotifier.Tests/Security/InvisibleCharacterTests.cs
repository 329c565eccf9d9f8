using GkeEventNotifier.Tests.Fakes;
using GkeEventNotifier.Tests.Threads;

namespace GkeEventNotifier.Tests.Security;

/// <summary>
/// Characters that change how text looks without being seen (bidi overrides, zero-width characters, NUL and other
/// controls) could make an object name read as another one in Slack. They reach Slack as visible code points.
/// </summary>
public sealed class InvisibleCharacterTests : FakeSlackOnFakeClock
{
    [Theory]
    [InlineData('\u202E', "[U+202E]")]
    [InlineData('\u2066', "[U+2066]")]
    [InlineData('\u200F', "[U+200F]")]
    [InlineData('\u200B', "[U+200B]")]
    [InlineData('\u200D', "[U+200D]")]
    [InlineData('\uFEFF', "[U+FEFF]")]
    [InlineData('\u2060', "[U+2060]")]
    [InlineData('\0', "[U+0000]")]
    [InlineData('\u001B', "[U+001B]")]
    [InlineData('\u0085', "[U+0085]")]
    public async Task InvisibleCharacterInNameAndMessage_IsShownAsItsCodePoint(char invisible, string shown)
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);
        var entry = Samples.EntryNode("keep-evicted");
        entry["jsonPayload"]!["involvedObject"]!["name"] = $"checkout{invisible}gpj.exe";
        entry["jsonPayload"]!["message"] = $"The node was low on resource: memory.{invisible}";
        entry["resource"]!["labels"]!["cluster_name"] = $"shop{invisible}";

        await function.SendAsync(entry);

        var shownText = Shown(Assert.Single(Slack.Calls("chat.postMessage")));
        Assert.DoesNotContain(invisible, shownText);
        Assert.Contains($"checkout{shown}gpj.exe", shownText, StringComparison.Ordinal);
        Assert.Contains($"memory.{shown}", shownText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrdinaryTextWithLineBreaksTabsAndAccents_IsUnchanged()
    {
        await using var function = PipelineHarness.BotToken(Slack, Time);
        var entry = Samples.EntryNode("keep-evicted");
        entry["jsonPayload"]!["message"] = "Pod déploiement\tfailed:\nline two — ✓";

        await function.SendAsync(entry);

        Assert.Contains("Pod déploiement\tfailed:\nline two — ✓", Shown(Assert.Single(Slack.Calls("chat.postMessage"))), StringComparison.Ordinal);
    }

    /// <summary>What people read: the fallback text and the attachments (metadata is machine data and never shown).</summary>
    private static string Shown(RecordedRequest post) =>
        post.Json!.Value.GetProperty("text").GetString() + "\n" + string.Join("\n", RecordedRequest.Strings(post.Json!.Value.GetProperty("attachments")));
}
