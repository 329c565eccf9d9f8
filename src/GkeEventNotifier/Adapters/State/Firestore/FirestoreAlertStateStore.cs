using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Adapters.State.Firestore;

/// <summary>
/// Alert state in Firestore (Native mode) over its REST API v1, shared by every instance. Create-if-absent is a
/// <c>POST …/{collection}?documentId=</c> (409 ALREADY_EXISTS when a document is there; an expired one is replaced
/// under a precondition); replace-if-unchanged is a <c>:commit</c> whose write carries
/// <c>currentDocument.updateTime</c> (400 FAILED_PRECONDITION when it changed). Permissions used:
/// <c>datastore.entities.get</c>, <c>.create</c>, <c>.update</c>. Anything a retry can fix throws
/// <see cref="AlertStateUnavailableException"/>.
/// </summary>
internal sealed class FirestoreAlertStateStore(FirestoreEndpoint endpoint, IHttpClientFactory httpClients, TimeProvider time) : IAlertStateStore
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<StoredRecord?> ReadAsync(RecordKey key, CancellationToken cancellationToken)
    {
        var stored = await ReadAnyAsync(key, cancellationToken);
        return stored is not null && stored.Record.ExpireAt > time.GetUtcNow() ? stored : null;
    }

    public async Task<string?> TryCreateAsync(RecordKey key, StateRecord record, CancellationToken cancellationToken)
    {
        var documents = await endpoint.DocumentsAsync(cancellationToken);
        var body = FirestoreDocument.Json(json =>
        {
            json.WriteStartObject();
            FirestoreDocument.WriteFields(json, record);
            json.WriteEndObject();
        });
        var (status, answer) = await SendAsync(HttpMethod.Post, $"{documents}/{key.Collection}?documentId={key.Id}", body, cancellationToken);
        if (status == HttpStatusCode.OK)
        {
            return VersionOf(answer);
        }

        if (status != HttpStatusCode.Conflict)
        {
            throw Failed("create", status, answer);
        }

        // ALREADY_EXISTS: a live record wins; an expired one (TTL deletes it up to a day later) is absent, so take its place.
        return await ReadAnyAsync(key, cancellationToken) is { } existing && existing.Record.ExpireAt <= time.GetUtcNow()
            ? await TryReplaceAsync(key, record, existing.Version, cancellationToken)
            : null;
    }

    public async Task<string?> TryReplaceAsync(RecordKey key, StateRecord record, string version, CancellationToken cancellationToken)
    {
        var documents = await endpoint.DocumentsAsync(cancellationToken);
        var body = FirestoreDocument.Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("writes");
            json.WriteStartObject();
            json.WriteStartObject("update");
            json.WriteString("name", $"{documents}/{key.Collection}/{key.Id}");
            FirestoreDocument.WriteFields(json, record);
            json.WriteEndObject();
            json.WriteStartObject("currentDocument");
            json.WriteString("updateTime", version);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
        var (status, answer) = await SendAsync(HttpMethod.Post, $"{documents}:commit", body, cancellationToken);
        return status switch
        {
            HttpStatusCode.OK => CommittedVersion(answer),
            HttpStatusCode.BadRequest when GoogleStatus(answer) == "FAILED_PRECONDITION" => null,
            HttpStatusCode.NotFound => null,
            _ => throw Failed("update", status, answer),
        };
    }

    /// <summary>
    /// A <c>:runQuery</c> with one field equality (no composite index needed). Expired documents the TTL has not deleted
    /// yet are left out here, so asking for a few more than needed keeps the answer full.
    /// </summary>
    public async Task<IReadOnlyList<ListedRecord>> ListAsync(string collection, string field, string value, int limit, CancellationToken cancellationToken)
    {
        var documents = await endpoint.DocumentsAsync(cancellationToken);
        var body = FirestoreDocument.Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("structuredQuery");
            json.WriteStartArray("from");
            json.WriteStartObject();
            json.WriteString("collectionId", collection);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("where");
            json.WriteStartObject("fieldFilter");
            json.WriteStartObject("field");
            json.WriteString("fieldPath", field);
            json.WriteEndObject();
            json.WriteString("op", "EQUAL");
            json.WriteStartObject("value");
            json.WriteString("stringValue", value);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteNumber("limit", limit);
            json.WriteEndObject();
            json.WriteEndObject();
        });
        var (status, answer) = await SendAsync(HttpMethod.Post, $"{documents}:runQuery", body, cancellationToken);
        if (status != HttpStatusCode.OK)
        {
            throw Failed("query", status, answer);
        }

        var now = time.GetUtcNow();
        return Parse(answer, results => results.EnumerateArray()
            .Where(result => result.TryGetProperty("document", out _))
            .Select(result => Listed(collection, result.GetProperty("document")))
            .Where(listed => listed.Stored.Record.ExpireAt > now)
            .ToList());
    }

    private static ListedRecord Listed(string collection, JsonElement document)
    {
        var name = document.GetProperty("name").GetString()!;
        var (record, version) = FirestoreDocument.Read(document);
        return new ListedRecord(new RecordKey(collection, name[(name.LastIndexOf('/') + 1)..], record.Text("key") ?? ""), new StoredRecord(record, version));
    }

    /// <summary>The document as stored, expired or not.</summary>
    private async Task<StoredRecord?> ReadAnyAsync(RecordKey key, CancellationToken cancellationToken)
    {
        var documents = await endpoint.DocumentsAsync(cancellationToken);
        var (status, answer) = await SendAsync(HttpMethod.Get, $"{documents}/{key.Collection}/{key.Id}", null, cancellationToken);
        if (status == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (status != HttpStatusCode.OK)
        {
            throw Failed("read", status, answer);
        }

        return Parse(answer, document =>
        {
            var (record, version) = FirestoreDocument.Read(document);
            return new StoredRecord(record, version);
        });
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint.BaseUri, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
        }

        try
        {
            await endpoint.AuthenticateAsync(request, cancellationToken);
            using var response = await httpClients.CreateClient(FirestoreEndpoint.HttpClientName).SendAsync(request, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException e)
        {
            throw new AlertStateUnavailableException($"Firestore did not answer: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertStateUnavailableException("Firestore did not answer in time", e);
        }
    }

    private static string VersionOf(string answer) =>
        Parse(answer, document => document.GetProperty("updateTime").GetString()!);

    private static string CommittedVersion(string answer) =>
        Parse(answer, result => result.GetProperty("writeResults")[0].GetProperty("updateTime").GetString()!);

    private static T Parse<T>(string answer, Func<JsonElement, T> read)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            return read(json.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new AlertStateUnavailableException($"Firestore's answer could not be read: {e.Message}", e);
        }
    }

    private static string GoogleStatus(string answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            return json.RootElement.GetObjectOrDefault("error").GetStringOrEmpty("status");
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static AlertStateUnavailableException Failed(string operation, HttpStatusCode status, string answer) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new(
            $"Firestore refused to {operation} a record ({(int)status} {GoogleStatus(answer)}): the function's service account needs the role in terraform/firestore.tf"),
        _ => new($"Firestore failed to {operation} a record ({(int)status} {GoogleStatus(answer)})"),
    };
}
