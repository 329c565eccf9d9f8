using System.Text.Json;
using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Rendering;
using GkeEventNotifier.Tests.Slack;

namespace GkeEventNotifier.Tests.Rendering;

/// <summary>What people see in Slack: header, facts, the message verbatim, findings, link, colour; escaped and within limits.</summary>
public sealed class AlertRendererTests
{
    [Fact]
    public void Evicted_HasHeaderFactsMessageContextAndLoggingButton()
    {
        var message = AlertRenderer.Render(TestAlerts.From("keep-evicted"));

        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal("#D93F0B", attachment.Color);
        var header = Assert.IsType<HeaderBlock>(attachment.Blocks[0]);
        Assert.Equal("Evicted: Pod shop/checkout-api-6d8f7b9c5d-qz4lp", header.Text.Text);
        var facts = Assert.IsType<SectionBlock>(attachment.Blocks[1]).Fields!.Select(f => f.Text).ToList();
        Assert.Contains("*Cluster*\nshop-eu1 (europe-west1, acme-shop-prod)", facts);
        Assert.Contains("*Namespace*\nshop", facts);
        Assert.Contains("*Object*\nPod/checkout-api-6d8f7b9c5d-qz4lp", facts);
        Assert.Contains("*Host*\ngke-shop-eu1-default-pool-7f3a9c21-x2kq", facts);
        Assert.Contains("*Source*\nkubelet", facts);
        Assert.Contains("*Time*\n2026-11-20 09:14:03 UTC", facts);
        var body = Assert.IsType<SectionBlock>(attachment.Blocks[2]).Text!;
        Assert.True(body.Verbatim);
        Assert.StartsWith("```The node was low on resource: ephemeral-storage.", body.Text, StringComparison.Ordinal);
        Assert.IsType<ContextBlock>(attachment.Blocks[3]);
        var button = Assert.Single(Assert.IsType<ActionsBlock>(attachment.Blocks[4]).Elements);
        Assert.StartsWith("https://console.cloud.google.com/logs/query;query=jsonPayload.metadata.uid%3D%22", button.Url, StringComparison.Ordinal);
        Assert.Contains("?project=acme-shop-prod", button.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeEvent_ShowsNoNamespace_ThoughItsEventSitsInDefault()
    {
        var message = AlertRenderer.Render(TestAlerts.From("keep-oomkilling"));

        var facts = Assert.IsType<SectionBlock>(message.Attachments![0].Blocks[1]).Fields!.Select(f => f.Text).ToList();
        Assert.DoesNotContain(facts, f => f.StartsWith("*Namespace*", StringComparison.Ordinal));
        Assert.Contains(facts, f => f.StartsWith("*Object*\nNode/", StringComparison.Ordinal));
        Assert.DoesNotContain("default", JsonSerializer.Serialize(message, SlackJsonContext.Default.SlackMessage), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keep-evicted", "#D93F0B")]
    [InlineData("keep-failed-errimagepull", "#E8A33D")]
    [InlineData("keep-scaledown", "#439FE0")]
    public void Colour_FollowsSeverity(string sample, string colour) =>
        Assert.Equal(colour, Assert.Single(AlertRenderer.Render(TestAlerts.From(sample)).Attachments!).Color);

    [Fact]
    public void FailedOnContainer_NamesTheContainerFromFieldPath()
    {
        var facts = FactTexts(AlertRenderer.Render(TestAlerts.From("keep-failed-errimagepull")));

        Assert.Contains("*Object*\nPod/cart-5f9c8d7b6-h2xvn (container cart)", facts);
    }

    [Fact]
    public void EventText_CannotPingTheChannel_OrForgeALink()
    {
        var hostile = "<!channel> <!here> <@U024BE7LH> see <https://evil.example/login|the runbook> & \"quotes\"";
        var alert = TestAlerts.From("keep-evicted", node =>
        {
            node["jsonPayload"]!["message"] = hostile;
            node["jsonPayload"]!["involvedObject"]!["name"] = "pod<!everyone>";
            node["resource"]!["labels"]!["cluster_name"] = "c<https://x|y>";
        });

        var json = JsonSerializer.Serialize(AlertRenderer.Render(alert), SlackJsonContext.Default.SlackMessage);
        var texts = Fakes.RecordedRequest.Strings(JsonDocument.Parse(json).RootElement).Where(s => !s.StartsWith("https://console.cloud.google.com/", StringComparison.Ordinal)).ToList();

        Assert.All(texts, text => Assert.DoesNotContain("<!", text, StringComparison.Ordinal));
        Assert.All(texts, text => Assert.DoesNotContain("<https://", text, StringComparison.Ordinal));
        Assert.All(texts, text => Assert.DoesNotContain("<@", text, StringComparison.Ordinal));
        Assert.Contains(texts, text => text.Contains("&lt;!channel&gt; &lt;!here&gt; &lt;@U024BE7LH&gt; see &lt;https://evil.example/login|the runbook&gt; &amp; \"quotes\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a\"b) OR severity>=DEFAULT OR (x=\"", "insert id", "acme-shop-prod")]
    [InlineData("", "../../ ?#%2e%2E;x=y&z", "proj/../x?y#z")]
    [InlineData("🙂 <é> \\ \u0001 \u202E", "", "日本-プロジェクト")]
    [InlineData("~._-AZaz09", "%41%7e", "%")]
    public void LoggingButton_IsTheLinkAUriWouldMake_WhateverTheEventHolds(string uid, string insertId, string project)
    {
        var alert = TestAlerts.From("keep-evicted", node =>
        {
            node["jsonPayload"]!["metadata"]!["uid"] = uid;
            node["insertId"] = insertId;
            node["resource"]!["labels"]!["project_id"] = project;
        });

        var button = Assert.Single(AlertRenderer.Render(alert).Attachments![0].Blocks.OfType<ActionsBlock>().Single().Elements);

        Assert.Equal(new Uri(button.Url).AbsoluteUri, button.Url);
        Assert.StartsWith("https://console.cloud.google.com/logs/query;query=", button.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMarkdownText_IsVerbatim_SoSlackLinksNothingByItself()
    {
        var json = JsonSerializer.Serialize(AlertRenderer.Render(TestAlerts.From("keep-evicted")), SlackJsonContext.Default.SlackMessage);

        var markdown = TextObjects(JsonDocument.Parse(json).RootElement).Where(t => t.GetProperty("type").GetString() == "mrkdwn").ToList();

        Assert.NotEmpty(markdown);
        Assert.All(markdown, t => Assert.True(t.GetProperty("verbatim").GetBoolean()));
    }

    [Fact]
    public void LongMessage_IsTruncatedTo3000Characters_WithAVisibleMark()
    {
        var message = TestAlerts.Message(new string('x', 2990) + "&&&&&" + new string('y', 5000));

        var body = Assert.IsType<SectionBlock>(message.Attachments![0].Blocks[2]).Text!.Text;

        Assert.True(body.Length <= SlackText.MaxTextLength, $"{body.Length} characters");
        Assert.EndsWith("… (truncated)```", body, StringComparison.Ordinal);
        Assert.DoesNotMatch("&[a-z]{0,3}…", body);
        Assert.True(message.Text.Length <= SlackText.MaxFallbackLength);
    }

    [Fact]
    public void LongObjectName_KeepsTheHeaderWithin150Characters()
    {
        var alert = TestAlerts.From("keep-evicted", node => node["jsonPayload"]!["involvedObject"]!["name"] = new string('p', 300));

        var header = Assert.IsType<HeaderBlock>(AlertRenderer.Render(alert).Attachments![0].Blocks[0]);

        Assert.True(header.Text.Text.Length <= SlackText.MaxHeaderLength);
        Assert.EndsWith("(truncated)", header.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyFindings_StayWithin50Blocks_AndSayWhatWasLeftOut()
    {
        var findings = Enumerable.Range(1, 60).Select(i => new Finding($"Finding {i}", [new FindingField("Pod", $"pod-{i}")], [])).ToList();
        var alert = TestAlerts.From("keep-oomkilling") with { Findings = findings };

        var blocks = AlertRenderer.Render(alert).Attachments![0].Blocks;

        Assert.True(blocks.Count <= SlackText.MaxBlocks, $"{blocks.Count} blocks");
        var note = blocks.OfType<ContextBlock>().Select(c => c.Elements[0].Text).Single(t => t.Contains("not shown", StringComparison.Ordinal));
        Assert.Matches(@"… \d+ more finding\(s\) not shown", note);
        Assert.IsType<ActionsBlock>(blocks[^1]);
    }

    [Fact]
    public void Findings_AreShownWithHeadingNotesAndFields_Escaped()
    {
        var finding = new Finding("OOM-killed container", [new FindingField("Pod", "shop/api<1>")], ["a child process was killed & the container kept running"]);
        var alert = TestAlerts.From("keep-oomkilling") with { Findings = [finding] };

        var blocks = AlertRenderer.Render(alert).Attachments![0].Blocks.OfType<SectionBlock>().ToList();

        Assert.Contains(blocks, b => b.Text?.Text == "*OOM-killed container*\na child process was killed &amp; the container kept running");
        Assert.Contains(blocks, b => b.Fields?.Any(f => f.Text == "*Pod*\nshop/api&lt;1&gt;") == true);
    }

    [Fact]
    public void Repeats_AreShownInTheHeader()
    {
        var alert = TestAlerts.From("keep-evicted") with { Occurrences = 5 };

        Assert.Equal("Evicted: Pod shop/checkout-api-6d8f7b9c5d-qz4lp (seen 5 times)", Assert.IsType<HeaderBlock>(AlertRenderer.Render(alert).Attachments![0].Blocks[0]).Text.Text);
    }

    private static List<string> FactTexts(SlackMessage message) =>
        Assert.IsType<SectionBlock>(message.Attachments![0].Blocks[1]).Fields!.Select(f => f.Text).ToList();

    private static IEnumerable<JsonElement> TextObjects(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty("type", out var type) && type.GetString() is "mrkdwn" or "plain_text" => [element],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => TextObjects(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(TextObjects),
        _ => [],
    };
}
