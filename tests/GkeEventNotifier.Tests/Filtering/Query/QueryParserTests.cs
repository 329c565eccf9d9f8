using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Filtering.Query;

namespace GkeEventNotifier.Tests.Filtering.Query;

public sealed class QueryParserTests
{
    /// <summary>Queries as they appear in Google's "Logging query language" page.</summary>
    [Theory]
    [InlineData("resource.type = \"gae_app\"", "resource.type=\"gae_app\"")]
    [InlineData("resource.type = \"gae_app\" AND severity = \"ERROR\"", "resource.type=\"gae_app\" AND severity=\"ERROR\"")]
    [InlineData("resource.type = (\"gae_app\" OR \"gce_instance\")", "resource.type=(\"gae_app\" OR \"gce_instance\")")]
    [InlineData("resource.type = \"gae_app\" AND (severity = \"ERROR\" OR \"error\")", "resource.type=\"gae_app\" AND (severity=\"ERROR\" OR \"error\")")]
    [InlineData("resource.type = \"gce_instance\" AND\nseverity >= \"ERROR\" AND\nNOT textPayload:robot", "resource.type=\"gce_instance\" AND severity>=\"ERROR\" AND NOT textPayload:\"robot\"")]
    [InlineData("jsonPayload.a=\"b\" jsonPayload.c=\"d\" -jsonPayload.e=\"f\"", "jsonPayload.a=\"b\" AND jsonPayload.c=\"d\" AND NOT jsonPayload.e=\"f\"")]
    [InlineData("labels.\"compute.googleapis.com/resource_id\" = \"123\"", "labels.\"compute.googleapis.com/resource_id\"=\"123\"")]
    [InlineData("jsonPayload.cat = (\"longhair\" OR \"shorthair\")", "jsonPayload.cat=(\"longhair\" OR \"shorthair\")")]
    [InlineData("jsonPayload.animal : (\"nice\" AND \"pet\")", "jsonPayload.animal:(\"nice\" AND \"pet\")")]
    [InlineData("jsonPayload.field = NULL_VALUE", "jsonPayload.field=NULL_VALUE")]
    [InlineData("jsonPayload.\":name\":apple", "jsonPayload.\":name\":\"apple\"")]
    [InlineData("jsonPayload.\"foo.bar\":apple", "jsonPayload.\"foo.bar\":\"apple\"")]
    [InlineData("jsonPayload.\"\\\"foo\\\"\":apple", "jsonPayload.\"\\\"foo\\\"\":\"apple\"")]
    [InlineData("operation.id:*", "operation.id:*")]
    [InlineData("jsonPayload.shoeSize < 7", "jsonPayload.shoeSize<7")]
    [InlineData("\"The Cat in The Hat\"", "\"The Cat in The Hat\"")]
    [InlineData("(\"cat\" AND (\"hat\" OR \"bat\"))", "\"cat\" AND (\"hat\" OR \"bat\")")]
    [InlineData("log_id(\"cloudaudit.googleapis.com/activity\")", "log_id(\"cloudaudit.googleapis.com/activity\")")]
    [InlineData("timestamp >= \"2016-11-29T23:00:00Z\" timestamp <= \"2016-11-29T23:30:00Z\"", "timestamp>=\"2016-11-29T23:00:00Z\" AND timestamp<=\"2016-11-29T23:30:00Z\"")]
    [InlineData("timestamp > \"2016-11-29\"", "timestamp>\"2016-11-29\"")]
    [InlineData("labels.subnetwork_name =~ \"(?i)foo\"", "labels.subnetwork_name=~\"(?i)foo\"")]
    [InlineData("jsonPayload.message =~ \"field1=\\\"bar.*\\\"\"", "jsonPayload.message=~\"field1=\\\"bar.*\\\"\"")]
    [InlineData("logName =~ \"/my%2Flog$\"", "logName=~\"/my%2Flog$\"")]
    [InlineData("labels.pod_name !~ \"foo\"", "labels.pod_name!~\"foo\"")]
    [InlineData("labels.env =~ (\"^prod.*server\" OR \"^staging.*server\")", "labels.env=~(\"^prod.*server\" OR \"^staging.*server\")")]
    [InlineData("resource.type = (gce_instance OR aws_ec2_instance) AND severity >= ERROR", "resource.type=(\"gce_instance\" OR \"aws_ec2_instance\") AND severity>=\"ERROR\"")]
    [InlineData("resource.type=gae_app AND logName:request_log", "resource.type=\"gae_app\" AND logName:\"request_log\"")]
    [InlineData("unicorn phoenix", "\"unicorn\" AND \"phoenix\"")]
    [InlineData("textPayload:(unicorn phoenix)", "textPayload:(\"unicorn\" AND \"phoenix\")")]
    [InlineData("NOT textPayload: \"unicorn phoenix\"", "NOT textPayload:\"unicorn phoenix\"")]
    [InlineData("-- All of our target users are emitted by Compute Engine instances.\nresource.type = \"gce_instance\"\n-- Looking for logs from \"alex\".\njsonPayload.targetUser = \"alex\"", "resource.type=\"gce_instance\" AND jsonPayload.targetUser=\"alex\"")]
    [InlineData("jsonPayload.count > -3.2e-8", "jsonPayload.count>-3.2e-8")]
    [InlineData("protoPayload.methodName=io.k8s.apps.v1.deployments.create", "protoPayload.methodName=\"io.k8s.apps.v1.deployments.create\"")]
    [InlineData("log_name=\"projects/my-project/logs/events\"", "logName=\"projects/my-project/logs/events\"")]
    [InlineData("http_request.request_method=GET resource.labels.cluster_name=c1", "httpRequest.requestMethod=\"GET\" AND resource.labels.cluster_name=\"c1\"")]
    public void GoogleDocumentationExamples_ParseToTheirCanonicalForm(string query, string? canonical)
    {
        var parsed = LoggingQuery.Parse(query);

        if (canonical is not null)
        {
            Assert.Equal(canonical, parsed.ToString());
        }

        Assert.Equal(parsed.ToString(), LoggingQuery.Parse(parsed.ToString()).ToString());
    }

    [Fact]
    public void NotBindsTighterThanOr_AndOrTighterThanAnd_AsGoogleDocuments()
    {
        var parsed = LoggingQuery.Parse("\"a\" OR NOT \"b\" AND NOT \"c\" OR \"d\"");

        Assert.Equal("(\"a\" OR NOT \"b\") AND (NOT \"c\" OR \"d\")", parsed.ToString());
    }

    [Fact]
    public void ImplicitAnd_GroupsLooserThanOr()
    {
        Assert.Equal("\"a\" AND (\"b\" OR \"c\")", LoggingQuery.Parse("a b OR c").ToString());
    }

    [Fact]
    public void LowercaseBooleanWords_AreSearchTerms()
    {
        Assert.Equal("\"a\" AND \"and\" AND \"b\"", LoggingQuery.Parse("a and b").ToString());
    }

    [Fact]
    public void KnownFieldNames_AreCaseInsensitive_PayloadKeysKeepTheirCase()
    {
        Assert.Equal("resource.type=\"k8s_pod\" AND jsonPayload.Reason=\"x\"", LoggingQuery.Parse("RESOURCE.Type=k8s_pod jsonPayload.Reason=x").ToString());
    }

    [Fact]
    public void EmptyQuery_OfOnlyComments_MatchesEverything()
    {
        var parsed = LoggingQuery.Parse("-- nothing to filter yet\n");

        Assert.True(parsed.Matches(LogEntryFixtures.Event()));
    }

    [Fact]
    public void DefaultFilter_PrintsOneTermPerLine_AndReadsBackTheSame()
    {
        var parsed = LoggingQuery.Parse(DefaultFilter.Text);
        var multiline = parsed.ToMultilineString();

        Assert.StartsWith("log_id(\"events\")\nAND resource.type=(\"k8s_pod\" OR \"k8s_node\" OR \"k8s_cluster\")\nAND (\n  jsonPayload.reason=\"Evicted\"\n", multiline, StringComparison.Ordinal);
        Assert.Equal(parsed.ToString(), LoggingQuery.Parse(multiline).ToString());
    }

    [Theory]
    [InlineData("resource.typ = \"k8s_pod\"", 1, 10, "'typ' is not a field of resource")]
    [InlineData("thud = 1", 1, 1, "'thud' is not a LogEntry field")]
    [InlineData("textPayload.thud = 1", 1, 13, "textPayload has no field 'thud'")]
    [InlineData("severity >= ERRROR", 1, 13, "'ERRROR' is not a severity")]
    [InlineData("timestamp > \"yesterday\"", 1, 13, "'yesterday' is not a timestamp")]
    [InlineData("jsonPayload.reason = (\"a\" OR \"b\"", 1, 33, "the '(' at line 1, column 22 is not closed")]
    [InlineData("jsonPayload.a = \"b\")", 1, 20, "this ')' has no matching '('")]
    [InlineData("jsonPayload.message = \"unclosed", 1, 23, "the string is not closed")]
    [InlineData("jsonPayload.x = 'single'", 1, 17, "single-quoted strings")]
    [InlineData("log_id(\"events\")\nsample(insertId, 0.25)", 2, 1, "Google's function 'sample' is not supported here")]
    [InlineData("SEARCH(\"hello\")", 1, 1, "Google's function 'SEARCH' is not supported here")]
    [InlineData("jsonPayload.message =~ \"(a)\\\\1\"", 1, 24, "construct RE2 does not support")]
    [InlineData("jsonPayload.message =~ \"(unclosed\"", 1, 24, "invalid regular expression")]
    [InlineData("insertId = abc:def", 1, 15, "needs a field name on its left")]
    [InlineData("jsonPayload.a = b.\"c\"", 1, 17, "mixes quoted and unquoted parts")]
    [InlineData("jsonPayload.a = b.", 1, 18, "a '.' must join two parts")]
    [InlineData("log_nam=\"x\"", 1, 1, "'log_nam' is not a LogEntry field")]
    [InlineData("http_request.request_methd=GET", 1, 14, "'request_methd' is not a field of httpRequest")]
    [InlineData("a AND", 1, 6, "the query ends where a term is expected")]
    [InlineData("jsonPayload.a = *", 1, 17, "'*' is only allowed right after ':'")]
    [InlineData("jsonPayload.a > NULL_VALUE", 1, 17, "NULL_VALUE can only be compared with = or !=")]
    [InlineData("severity =~ \"ERR\"", 1, 13, "regular expressions apply only to string fields")]
    [InlineData("jsonPayload.a ! \"b\"", 1, 15, "'!' must be followed by '=' or '~'")]
    public void InvalidQueries_AreSyntaxErrorsNamingLineColumnAndConstruct(string query, int line, int column, string problem)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => LoggingQuery.Parse(query));

        Assert.Equal(new SourcePosition(line, column), error.Position);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}, column {column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryLongerThanGooglesLimit_IsRejected()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => LoggingQuery.Parse(new string('a', QueryParser.MaxQueryLength + 1)));

        Assert.Contains("at most 20000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNesting_IsASyntaxError_NotAStackOverflow()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => LoggingQuery.Parse(new string('(', 5000) + "a" + new string(')', 5000)));

        Assert.Contains("nests deeper than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APathComparedInSeveralTerms_IsOneFieldPath_SoAnEvaluationFindsItsLookupByReference()
    {
        var root = Assert.IsType<QueryNode.And>(QueryParser.Parse("jsonPayload.reason=a log_name:x jsonPayload.reason=b logName=y", Re2Regex.DefaultTimeout));
        var fields = root.Terms.Cast<QueryNode.Comparison>().Select(c => c.Field).ToList();

        Assert.Same(fields[0], fields[2]);
        Assert.Same(fields[1], fields[3]);
        Assert.NotSame(fields[0], fields[1]);
    }
}
