using System.Text.Json;
using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Rendering;
using GkeEventNotifier.Tests.Slack;

namespace GkeEventNotifier.Tests.Rendering;

/// <summary>The burst summary: counts by reason and place, every object named, event text escaped like a single alert.</summary>
public sealed class BurstSummaryRendererTests
{
    [Fact]
    public void Summary_CountsByReasonAndNamespace_AndNamesEveryObject()
    {
        var alerts = Enumerable.Range(0, 5).Select(i => Pod($"web-{i}", "shop"))
            .Append(Pod("job-1", "batch"))
            .ToList();

        var text = Texts(BurstSummaryRenderer.Render(alerts, TimeSpan.FromSeconds(1.2)));

        Assert.Contains("6 alerts in 2 s", text, StringComparison.Ordinal);
        Assert.Contains("5 Evicted in shop\n1 Evicted in batch", text, StringComparison.Ordinal);
        Assert.All(alerts, a => Assert.Contains(a.Entry.Event.InvolvedObject.Name, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Summary_EscapesEventText_SoItCannotPingOrLink()
    {
        var hostile = TestAlerts.From("keep-evicted", node => node["jsonPayload"]!["reason"] = "<!channel> <https://evil.example|x>");

        var text = Texts(BurstSummaryRenderer.Render([hostile, Pod("web-1", "shop")], TimeSpan.FromSeconds(1)));

        Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://evil.example", text, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", text, StringComparison.Ordinal);
    }

    private static Alert Pod(string name, string @namespace) => TestAlerts.From("keep-evicted", node =>
    {
        node["jsonPayload"]!["involvedObject"]!["name"] = name;
        node["jsonPayload"]!["involvedObject"]!["namespace"] = @namespace;
    });

    /// <summary>Every string of the message as Slack would read it.</summary>
    private static string Texts(SlackMessage message) =>
        new Fakes.RecordedRequest("POST", "/", new Dictionary<string, string>(), JsonSerializer.Serialize(message, SlackJsonContext.Default.SlackMessage)).Text;
}
