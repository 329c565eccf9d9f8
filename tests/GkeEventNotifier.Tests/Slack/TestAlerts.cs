using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Rendering;

namespace GkeEventNotifier.Tests.Slack;

/// <summary>Alerts built from the samples, optionally with a hostile or oversized message.</summary>
internal static class TestAlerts
{
    public static Alert From(string sample, Action<System.Text.Json.Nodes.JsonObject>? change = null)
    {
        var node = Samples.EntryNode(sample);
        change?.Invoke(node);
        var decoded = LogEntryDecoder.Decode(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()));
        return new Alert(Assert.IsType<DecodeResult.EventEntry>(decoded).Entry, []);
    }

    public static Alert WithMessage(string message) =>
        From("keep-evicted", node => node["jsonPayload"]!["message"] = message);

    public static SlackMessage Message(string message = "The node was low on resource: memory.") => AlertRenderer.Render(WithMessage(message));
}
