namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// The fields of the LogEntry type (REST/JSON form) and their types, so that a typo such as <c>resource.typ</c> is an
/// error before the filter is used (Google: an undefined field "is an error that is detected before the query is used").
/// Known names match in any letter case and in their proto spelling (<c>log_name</c>); keys inside jsonPayload and
/// labels keep their case.
/// </summary>
internal static class LogEntrySchema
{
    private static readonly Dictionary<string, FieldType> Scalars = new(StringComparer.OrdinalIgnoreCase)
    {
        ["logName"] = FieldType.String, ["insertId"] = FieldType.String, ["textPayload"] = FieldType.String,
        ["trace"] = FieldType.String, ["spanId"] = FieldType.String, ["traceSampled"] = FieldType.Bool,
        ["severity"] = FieldType.Severity, ["timestamp"] = FieldType.Timestamp, ["receiveTimestamp"] = FieldType.Timestamp,
    };

    /// <summary>Struct or map fields: any key below them, compared by the JSON value's own type, missing when absent.</summary>
    private static readonly Dictionary<string, bool> OpenFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jsonPayload"] = false, ["labels"] = false, ["protoPayload"] = true, ["metadata"] = false,
        ["errorGroups"] = false, ["apphub"] = false, ["apphubDestination"] = false, ["apphubSource"] = false,
    };

    private static readonly Dictionary<string, Dictionary<string, FieldType>> Messages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["resource"] = Fields(("type", FieldType.String), ("labels", FieldType.Dynamic)),
        ["operation"] = Fields(("id", FieldType.String), ("producer", FieldType.String), ("first", FieldType.Bool), ("last", FieldType.Bool)),
        ["sourceLocation"] = Fields(("file", FieldType.String), ("line", FieldType.Integer), ("function", FieldType.String)),
        ["split"] = Fields(("uid", FieldType.String), ("index", FieldType.Integer), ("totalSplits", FieldType.Integer)),
        ["httpRequest"] = Fields(
            ("requestMethod", FieldType.String), ("requestUrl", FieldType.String), ("requestSize", FieldType.Integer),
            ("status", FieldType.Integer), ("responseSize", FieldType.Integer), ("userAgent", FieldType.String),
            ("remoteIp", FieldType.String), ("serverIp", FieldType.String), ("referer", FieldType.String),
            ("latency", FieldType.Duration), ("cacheLookup", FieldType.Bool), ("cacheHit", FieldType.Bool),
            ("cacheValidatedWithOriginServer", FieldType.Bool), ("cacheFillBytes", FieldType.Integer), ("protocol", FieldType.String)),
    };

    public static FieldPath Resolve(IReadOnlyList<(string Text, SourcePosition Position)> segments)
    {
        var (written, firstAt) = segments[0];
        var first = JsonName(written);
        if (Scalars.TryGetValue(first, out var scalarType))
        {
            RequireNoMore(segments, 1, Canonical(Scalars, first));
            return new FieldPath([Canonical(Scalars, first)], scalarType, IsDefaulted: true, CaseInsensitiveKeys: false, firstAt);
        }

        if (OpenFields.TryGetValue(first, out var caseInsensitive))
        {
            return new FieldPath([Canonical(OpenFields, first), .. segments.Skip(1).Select(s => s.Text)], FieldType.Dynamic, false, caseInsensitive, firstAt);
        }

        if (Messages.TryGetValue(first, out var fields))
        {
            return ResolveMessage(Canonical(Messages, first), fields, segments);
        }

        throw new QuerySyntaxException(firstAt, $"'{written}' is not a LogEntry field (known: {string.Join(", ", KnownNames())})");
    }

    private static FieldPath ResolveMessage(string message, Dictionary<string, FieldType> fields, IReadOnlyList<(string Text, SourcePosition Position)> segments)
    {
        var at = segments[0].Position;
        if (segments.Count == 1)
        {
            return new FieldPath([message], FieldType.Message, IsDefaulted: false, CaseInsensitiveKeys: false, at);
        }

        var (writtenField, fieldAt) = segments[1];
        var field = JsonName(writtenField);
        if (!fields.TryGetValue(field, out var type))
        {
            throw new QuerySyntaxException(fieldAt, $"'{writtenField}' is not a field of {message} (known: {string.Join(", ", fields.Keys)})");
        }

        var name = Canonical(fields, field);
        if (type == FieldType.Dynamic)
        {
            return new FieldPath([message, name, .. segments.Skip(2).Select(s => s.Text)], type, IsDefaulted: false, CaseInsensitiveKeys: false, at);
        }

        RequireNoMore(segments, 2, $"{message}.{name}");
        return new FieldPath([message, name], type, IsDefaulted: true, CaseInsensitiveKeys: false, at);
    }

    private static void RequireNoMore(IReadOnlyList<(string Text, SourcePosition Position)> segments, int count, string field)
    {
        if (segments.Count > count)
        {
            throw new QuerySyntaxException(segments[count].Position, $"{field} has no field '{segments[count].Text}'");
        }
    }

    /// <summary>
    /// A LogEntry field name as the JSON form spells it: Cloud Logging also takes the proto form (<c>log_name</c>,
    /// <c>http_request.request_method</c>, as Google's GKE samples write it). Only schema names go through here; keys
    /// inside jsonPayload and labels keep their spelling.
    /// </summary>
    private static string JsonName(string name)
    {
        if (!name.Contains('_', StringComparison.Ordinal) || name[0] == '_' || name[^1] == '_' || name.Contains("__", StringComparison.Ordinal))
        {
            return name;
        }

        var camel = new System.Text.StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            camel.Append(name[i] == '_' ? char.ToUpperInvariant(name[++i]) : name[i]);
        }

        return camel.ToString();
    }

    private static string Canonical<T>(Dictionary<string, T> fields, string name) => fields.Keys.First(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> KnownNames() => Scalars.Keys.Concat(OpenFields.Keys).Concat(Messages.Keys).Order(StringComparer.Ordinal);

    private static Dictionary<string, FieldType> Fields(params (string Name, FieldType Type)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Type, StringComparer.OrdinalIgnoreCase);
}
