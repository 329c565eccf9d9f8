using System.Text.Json;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Filtering.Query;
using GkeEventNotifier.Stages.Rendering;
using GkeEventNotifier.Tests.Slack;

namespace GkeEventNotifier.Tests.Security;

/// <summary>
/// The "Open in Cloud Logging" button runs a query built from the event's uid or insertId. A crafted value must stay
/// one quoted string: the query, parsed by the same Cloud Logging grammar the filter uses, matches exactly the entries
/// carrying that value and no other.
/// </summary>
public sealed class LogsExplorerQueryTests
{
    [Theory]
    [InlineData("x\" OR \"")]
    [InlineData("x\" OR jsonPayload.reason:*")]
    [InlineData("\\\" OR \"\"=\"")]
    [InlineData("a\nOR logName:*")]
    [InlineData("x\") OR (\"")]
    public void CraftedUid_StaysOneQuotedValue(string uid)
    {
        var query = QueryBehindTheButton(TestAlerts.From("keep-evicted", node => node["jsonPayload"]!["metadata"]!["uid"] = uid));

        Assert.True(query.Matches(Entry(uid)), $"query {query.Text} does not find the event itself");
        Assert.False(query.Matches(Entry("5b0a4b8e-0000-4000-8000-000000000001")), $"query {query.Text} finds other events");
    }

    [Fact]
    public void CraftedInsertIdWithoutUid_StaysOneQuotedValue()
    {
        const string InsertId = "abc\" OR \"";
        var query = QueryBehindTheButton(TestAlerts.From("keep-evicted", node =>
        {
            node["jsonPayload"]!["metadata"]!.AsObject().Remove("uid");
            node["insertId"] = InsertId;
        }));

        Assert.True(query.Matches(JsonDocument.Parse(JsonSerializer.Serialize(new { insertId = InsertId })).RootElement));
        Assert.False(query.Matches(JsonDocument.Parse("""{"insertId":"other"}""").RootElement));
    }

    [Fact]
    public void UidTooLongForASlackButton_NoButtonInsteadOfARefusedMessage()
    {
        var message = AlertRenderer.Render(TestAlerts.From("keep-evicted", node => node["jsonPayload"]!["metadata"]!["uid"] = new string('"', 2000)));

        Assert.DoesNotContain(Assert.Single(message.Attachments!).Blocks, b => b is ActionsBlock);
    }

    private static LoggingQuery QueryBehindTheButton(Alert alert)
    {
        var blocks = Assert.Single(AlertRenderer.Render(alert).Attachments!).Blocks;
        var url = Assert.Single(blocks.OfType<ActionsBlock>().Single().Elements).Url;
        Assert.True(url.Length <= 3000, "Slack refuses button URLs over 3,000 characters");
        var query = url.Split(';').Single(part => part.StartsWith("query=", StringComparison.Ordinal))["query=".Length..];
        return LoggingQuery.Parse(Uri.UnescapeDataString(query));
    }

    private static JsonElement Entry(string uid) =>
        JsonDocument.Parse(JsonSerializer.Serialize(new { jsonPayload = new { metadata = new { uid } } })).RootElement;
}
