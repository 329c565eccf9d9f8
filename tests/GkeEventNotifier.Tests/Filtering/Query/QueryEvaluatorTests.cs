using System.Text.Json;
using GkeEventNotifier.Stages.Filtering.Query;

namespace GkeEventNotifier.Tests.Filtering.Query;

public sealed class QueryEvaluatorTests
{
    private static readonly JsonElement Entry = LogEntryFixtures.Event(message: "The node was low on resource: memory. Container app was using 1.2Gi.");

    [Theory]
    [InlineData("jsonPayload.reason=\"evicted\"", true)]
    [InlineData("jsonPayload.reason=\"Evict\"", false)]
    [InlineData("jsonPayload.message:\"LOW ON resource\"", true)]
    [InlineData("jsonPayload.reason < \"F\"", true)]
    [InlineData("jsonPayload.involvedObject.name = \"WEB-5C8D7F9B6-ABCDE\"", true)]
    [InlineData("jsonPayload.message:(\"node\" AND \"memory\")", true)]
    [InlineData("jsonPayload.message:(\"node\" AND \"disk\")", false)]
    [InlineData("jsonPayload.message:(node memory)", true)]
    [InlineData("jsonPayload.message:(NOT \"disk\")", true)]
    [InlineData("jsonPayload.reason=(\"Failed\" OR \"Evicted\")", true)]
    [InlineData("jsonPayload.involvedObject:\"web-5c8d\"", true)]
    public void Strings_CompareIgnoringCase_AndHasFindsSubstrings(string query, bool expected) => AssertQuery(query, expected);

    /// <summary>Google's event-types page writes the method unquoted; GKE's samples write <c>log_name</c>.</summary>
    [Theory]
    [InlineData("protoPayload.methodName=io.k8s.apps.v1.deployments.create", true)]
    [InlineData("protoPayload.methodName=io.k8s.apps.v1.deployments.delete", false)]
    [InlineData("protoPayload.methodName:apps.v1", true)]
    [InlineData("log_name=\"projects/acme-test/logs/cloudaudit.googleapis.com%2Factivity\"", true)]
    [InlineData("log_name:events", false)]
    [InlineData("proto_payload.methodName:deployments", true)]
    public void UnquotedDottedValues_AndProtoFieldNames_MatchAsCloudLoggingReadsThem(string query, bool expected)
    {
        var audit = LogEntryFixtures.Parse("""
            { "logName": "projects/acme-test/logs/cloudaudit.googleapis.com%2Factivity", "resource": { "type": "k8s_cluster" },
              "protoPayload": { "methodName": "io.k8s.apps.v1.deployments.create" } }
            """);

        Assert.Equal(expected, LoggingQuery.Parse(query).Matches(audit));
    }

    [Theory]
    [InlineData("jsonPayload.nearest_store=\"x\"", false)]
    [InlineData("jsonPayload.nearest_store!=\"x\"", false)]
    [InlineData("NOT jsonPayload.nearest_store=\"x\"", true)]
    [InlineData("jsonPayload.nearest_store:*", false)]
    [InlineData("jsonPayload.reason:*", true)]
    [InlineData("jsonPayload.eventTime:*", true)]
    [InlineData("trace=\"\"", true)]
    [InlineData("trace!=\"\"", false)]
    [InlineData("trace:*", false)]
    [InlineData("httpRequest.status=0", true)]
    [InlineData("operation.first=false", true)]
    public void MissingPayloadFields_FailEveryComparison_DefinedFieldsCompareAsTheirDefault(string query, bool expected) => AssertQuery(query, expected);

    [Theory]
    [InlineData("jsonPayload.count > 2", true)]
    [InlineData("jsonPayload.count = \"3\"", true)]
    [InlineData("jsonPayload.count = 3.0", true)]
    [InlineData("jsonPayload.count = \"three\"", false)]
    [InlineData("jsonPayload.ratio < 1", true)]
    [InlineData("jsonPayload.ratio >= 5e-1", true)]
    [InlineData("jsonPayload.acknowledged = false", true)]
    [InlineData("jsonPayload.acknowledged = \"FALSE\"", true)]
    [InlineData("jsonPayload.acknowledged < true", true)]
    [InlineData("jsonPayload.eventTime = NULL_VALUE", true)]
    [InlineData("NOT jsonPayload.eventTime = NULL_VALUE", false)]
    [InlineData("jsonPayload.reason != NULL_VALUE", true)]
    [InlineData("jsonPayload.reason = NULL_VALUE", false)]
    public void PayloadValues_TakeTheirTypeFromTheJson(string query, bool expected) => AssertQuery(query, expected);

    [Theory]
    [InlineData("jsonPayload.containers.restarts > 3", true)]
    [InlineData("jsonPayload.containers.restarts > 4", false)]
    [InlineData("jsonPayload.containers.1.name = \"sidecar\"", true)]
    [InlineData("jsonPayload.containers.0.name = \"sidecar\"", false)]
    [InlineData("jsonPayload.tags = \"beta\"", true)]
    [InlineData("jsonPayload.tags = \"gamma\"", false)]
    [InlineData("labels.\"k8s-pod/app\" = \"web\"", true)]
    [InlineData("labels.\"compute.googleapis.com/resource_name\":\"node\"", true)]
    [InlineData("resource.labels.cluster_name = \"blue\"", true)]
    [InlineData("resource.labels.Cluster_Name = \"blue\"", false)]
    public void FieldPaths_ReachQuotedKeysAndArrayElements(string query, bool expected) => AssertQuery(query, expected);

    /// <summary>One evaluation looks a field up once however often it is compared; the answers are those of each comparison alone.</summary>
    [Theory]
    [InlineData("jsonPayload.reason=\"Failed\" OR jsonPayload.reason=\"EVICTED\"", true)]
    [InlineData("jsonPayload.reason=\"Evicted\" jsonPayload.reason!=\"evicted\"", false)]
    [InlineData("jsonPayload.nearest_store=\"x\" OR NOT jsonPayload.nearest_store=\"x\"", true)]
    [InlineData("jsonPayload.nearest_store:* OR jsonPayload.nearest_store=\"\"", false)]
    [InlineData("jsonPayload.containers.name=\"app\" jsonPayload.containers.name=\"sidecar\"", true)]
    [InlineData("jsonPayload.tags=\"alpha\" jsonPayload.tags=\"beta\" NOT jsonPayload.tags=\"gamma\"", true)]
    [InlineData("resource.labels.cluster_name=\"blue\" resource.labels.Cluster_Name=\"blue\"", false)]
    [InlineData("jsonPayload.reason=\"Evicted\" jsonPayload.involvedObject.name=\"web-5c8d7f9b6-abcde\" jsonPayload.reason:\"vict\"", true)]
    public void TheSameFieldComparedAgain_AnswersAsEachComparisonAlone(string query, bool expected) => AssertQuery(query, expected);

    [Theory]
    [InlineData("severity >= WARNING", true)]
    [InlineData("severity > WARNING", false)]
    [InlineData("severity >= \"error\"", false)]
    [InlineData("severity < ERROR", true)]
    [InlineData("severity = (INFO OR warning)", true)]
    [InlineData("severity >= 400", true)]
    [InlineData("timestamp > \"2026-05-06T07:08:09.123456788Z\"", true)]
    [InlineData("timestamp > \"2026-05-06T07:08:09.123456789Z\"", false)]
    [InlineData("timestamp = \"2026-05-06T09:08:09.123456789+02:00\"", true)]
    [InlineData("timestamp >= \"2026-05-06\"", true)]
    [InlineData("timestamp < \"2026-05-06T09:10:00+02:00\"", true)]
    [InlineData("receiveTimestamp <= \"2026-05-06T07:08:10Z\"", true)]
    public void SeverityAndTimestamps_CompareByOrderAndInstant(string query, bool expected) => AssertQuery(query, expected);

    [Theory]
    [InlineData("log_id(\"events\")", true)]
    [InlineData("log_id(\"stdout\")", false)]
    [InlineData("logName=\"projects/acme-test/logs/events\"", true)]
    [InlineData("\"gke-blue-pool\"", true)]
    [InlineData("NOT (\"k8s_metadata\" OR \"otelsvc\")", true)]
    [InlineData("unicorn", false)]
    [InlineData("3", true)]
    public void LogIdAndGlobalRestrictions_SearchTheWholeEntry(string query, bool expected) => AssertQuery(query, expected);

    [Theory]
    [InlineData("jsonPayload.message =~ \"^The node\"", true)]
    [InlineData("jsonPayload.message =~ \"^the node\"", false)]
    [InlineData("jsonPayload.message =~ \"(?i)^the node\"", true)]
    [InlineData("jsonPayload.message !~ \"memory\"", false)]
    [InlineData("jsonPayload.message =~ \"using [[:digit:]]\\\\.[[:digit:]]Gi\"", true)]
    [InlineData("jsonPayload.message =~ \"using (?P<size>\\\\d+)\"", true)]
    [InlineData("jsonPayload.message =~ (\"^disk\" OR \"memory\\\\.\")", true)]
    [InlineData("jsonPayload.count =~ \"3\"", false)]
    public void RegularExpressions_FollowRe2Rules(string query, bool expected) => AssertQuery(query, expected);

    [Fact]
    public void LogIdWithASlash_MatchesTheUrlEncodedLogName()
    {
        var entry = LogEntryFixtures.Event(logName: "projects/acme-test/logs/cloudaudit.googleapis.com%2Factivity");

        Assert.True(LoggingQuery.Parse("log_id(\"cloudaudit.googleapis.com/activity\")").Matches(entry));
    }

    [Theory]
    [InlineData("httpRequest.latency > \"10ms\"", true)]
    [InlineData("httpRequest.latency < \"1s\"", true)]
    [InlineData("httpRequest.latency = \"15ms\"", true)]
    [InlineData("httpRequest.status >= 500", true)]
    [InlineData("httpRequest.requestSize > 1000", true)]
    public void HttpRequestFields_CompareAsDurationsAndIntegers(string query, bool expected)
    {
        var entry = LogEntryFixtures.Parse("""{"httpRequest":{"latency":"0.015s","status":503,"requestSize":"4096"}}""");

        Assert.Equal(expected, LoggingQuery.Parse(query).Matches(entry));
    }

    [Fact]
    public void Explanation_AgreesWithEvaluation_AndShowsWhatEachFieldHeld()
    {
        var query = LoggingQuery.Parse("jsonPayload.reason=\"Failed\" OR (severity>=WARNING AND NOT jsonPayload.message:\"memory\")");

        var explanation = query.Explain(Entry);

        Assert.False(explanation.Matched);
        Assert.Equal(query.Matches(Entry), explanation.Matched);
        Assert.Contains(explanation.Steps, s => s.Term == "jsonPayload.reason=\"Failed\"" && !s.Result && s.Detail == "jsonPayload.reason is \"Evicted\"");
        Assert.Contains(explanation.Steps, s => s.Term == "severity>=\"WARNING\"" && s.Result && s.Depth == 2);
    }

    private static void AssertQuery(string query, bool expected)
    {
        var parsed = LoggingQuery.Parse(query);

        Assert.Equal(expected, parsed.Matches(Entry));
        Assert.Equal(expected, parsed.Explain(Entry).Matched);
    }
}
