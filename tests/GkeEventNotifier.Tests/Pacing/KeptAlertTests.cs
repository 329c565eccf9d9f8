using System.Text.Json;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Rendering;
using GkeEventNotifier.Adapters.Slack;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Tests.Slack;

namespace GkeEventNotifier.Tests.Pacing;

/// <summary>
/// An alert waiting for a burst summary is kept without its LogEntry and with its message cut: hundreds can wait at
/// once, and what Slack shows of each must not change.
/// </summary>
public sealed class KeptAlertTests
{
    [Fact]
    public void AnAlertWithA500KbMessage_IsKeptSmall_AndRendersExactlyAsBefore()
    {
        var alert = TestAlerts.WithMessage("Container app was using 912Mi, request is 0, has larger consumption of memory. " + new string('m', 500_000));

        var kept = alert.Kept();

        Assert.InRange(kept.Entry.Event.Message.Length, 1, Alert.MaxKeptMessageLength);
        Assert.Equal(JsonValueKind.Object, kept.Entry.Raw.ValueKind);
        Assert.Empty(kept.Entry.Raw.EnumerateObject());
        Assert.Equal(Json(AlertRenderer.Render(alert)), Json(AlertRenderer.Render(kept)));
        Assert.Equal(Json(BurstSummaryRenderer.Render([alert, alert], TimeSpan.FromSeconds(3))), Json(BurstSummaryRenderer.Render([kept, kept], TimeSpan.FromSeconds(3))));
    }

    private static string Json(SlackMessage message) => JsonSerializer.Serialize(message, SlackJsonContext.Default.SlackMessage);
}
