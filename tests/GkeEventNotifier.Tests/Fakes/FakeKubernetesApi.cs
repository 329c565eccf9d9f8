using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace GkeEventNotifier.Tests.Fakes;

/// <summary>
/// A Kubernetes API server on 127.0.0.1 (random port, real HTTP or HTTPS) serving the few read paths the OOM look-up
/// uses, with real fieldSelector semantics for <c>spec.nodeName</c>. Checks the bearer token (401 otherwise), counts
/// requests and response bytes, and fails on demand: a 403 with a Kubernetes Status naming verb and resource, a 5xx, a delay.
/// It is also the guard of the documented request set (README, SECURITY.md): the pods of one node, the pods of one
/// namespace, one ReplicaSet, one Job, the Jobs of one namespace, one node's metadata (only when asked for as
/// PartialObjectMetadata), each with valid Kubernetes names, read from the raw request target (before Kestrel
/// removes dot segments). Anything else is answered 400 and makes <see cref="DisposeAsync"/> throw, which fails the test.
/// </summary>
public sealed partial class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, V1Pod> pods = new();
    private readonly ConcurrentDictionary<string, V1ReplicaSet> replicaSets = new();
    private readonly ConcurrentDictionary<string, V1Job> jobs = new();
    private readonly ConcurrentDictionary<string, V1ObjectMeta> nodes = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly ConcurrentQueue<string> undocumented = new();
    private long responseBytes;

    private FakeKubernetesApi(WebApplication app, string token)
    {
        this.app = app;
        Token = token;
    }

    public string Token { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Resources ("pods", "replicasets", "jobs", "nodes") the caller may not read: 403 with a Status body, as RBAC answers.</summary>
    public ISet<string> ForbiddenResources { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Answer every request with this status (a Status body) instead of data.</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>Hold every answer this long (until the client gives up).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Paths and queries received, in order.</summary>
    public IReadOnlyList<string> Requests => requests.ToArray();

    /// <summary>Requests outside the documented set, as received (raw target).</summary>
    public IReadOnlyList<string> UndocumentedRequests => undocumented.ToArray();

    /// <summary>Allows the whole-cluster pod list, which only the benchmark's baseline makes; the product never may.</summary>
    public bool AllowWholeClusterList { get; set; }

    public int PodListCalls => requests.Count(r => r.StartsWith("/api/v1/pods", StringComparison.Ordinal));

    public long ResponseBytes => Interlocked.Read(ref responseBytes);

    public static async Task<FakeKubernetesApi> StartAsync(string token = "fake-cluster-token", X509Certificate2? tlsCertificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (tlsCertificate is not null)
            {
                listen.UseHttps(tlsCertificate);
            }
        }));
        var fake = new FakeKubernetesApi(builder.Build(), token);
        fake.app.Run(fake.HandleAsync);
        await fake.app.StartAsync();
        fake.BaseAddress = new Uri(fake.app.Urls.Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return fake;
    }

    public void AddPod(V1Pod pod) => pods[$"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}"] = pod;

    public void ClearPods() => pods.Clear();

    public void RemovePod(string podNamespace, string name) => pods.TryRemove($"{podNamespace}/{name}", out _);

    public void AddReplicaSet(V1ReplicaSet replicaSet) => replicaSets[$"{replicaSet.Metadata.NamespaceProperty}/{replicaSet.Metadata.Name}"] = replicaSet;

    public void AddJob(V1Job job) => jobs[$"{job.Metadata.NamespaceProperty}/{job.Metadata.Name}"] = job;

    /// <summary>A node of the cluster, its Node object created at <paramref name="created"/> (a repaired or replaced node is created anew).</summary>
    public void AddNode(string name, DateTimeOffset created) =>
        nodes[name] = new V1ObjectMeta { Name = name, CreationTimestamp = created.UtcDateTime, Labels = new Dictionary<string, string> { ["cloud.google.com/gke-nodepool"] = "default-pool" } };

    public void RemoveNode(string name) => nodes.TryRemove(name, out _);

    /// <summary>A kubeconfig file pointing at this server with its token, so tests exercise the KUBECONFIG path.</summary>
    public string WriteKubeconfig(string directory, string? token = null)
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {BaseAddress.GetLeftPart(UriPartial.Authority)}
            users:
            - name: fake-user
              user:
                token: {token ?? Token}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: fake-user
            current-context: fake
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        if (!undocumented.IsEmpty)
        {
            throw new InvalidOperationException($"The fake Kubernetes API received requests outside the documented set: {string.Join(" | ", undocumented)}");
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        requests.Enqueue(context.Request.Path + context.Request.QueryString);
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        if (!IsDocumented(context.Request.Method, target, context.Request.Headers.Accept.ToString()))
        {
            undocumented.Enqueue($"{context.Request.Method} {target}");
            await WriteAsync(context, HttpStatusCode.BadRequest, Status(HttpStatusCode.BadRequest, "BadRequest", "not a request the notifier may make"));
            return;
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        var (status, body) = Authorize(context) ?? Fail() ?? Route(context);
        await WriteAsync(context, status, body);
    }

    private async Task WriteAsync(HttpContext context, HttpStatusCode status, string body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body);
        Interlocked.Add(ref responseBytes, bytes.Length);
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>
    /// GET of exactly the documented shapes, with names Kubernetes itself would accept; the query may hold only
    /// <c>watch=false</c> (KubernetesClient adds it) and, for the pod lists, at most one selector: <c>spec.nodeName</c>
    /// across the cluster; none (an incident's re-check), <c>metadata.name</c> or the <c>job-name</c> label in one namespace;
    /// a node only as PartialObjectMetadata (its metadata, never its status).
    /// </summary>
    private bool IsDocumented(string method, string target, string accept)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = Query(question < 0 ? "" : target[(question + 1)..]);
        if (method != HttpMethods.Get || query is null || query.Any(p => p.Key is not ("fieldSelector" or "labelSelector") && p is not ("watch", "false")))
        {
            return false;
        }

        var selector = query.FirstOrDefault(p => p.Key == "fieldSelector").Value;
        var labels = query.FirstOrDefault(p => p.Key == "labelSelector").Value;
        return path.Split('/') switch
        {
            _ when labels is not null && selector is not null => false,
            ["", "api", "v1", "namespaces", var ns, "pods"] => Label().IsMatch(ns) && ((selector is null && labels is null) || IsPodNameSelector(selector) || IsJobLabelSelector(labels)),
            _ when labels is not null => false,
            ["", "api", "v1", "pods"] => selector is null ? AllowWholeClusterList : IsNodeSelector(selector),
            ["", "apis", "apps", "v1", "namespaces", var ns, "replicasets", var name] => Label().IsMatch(ns) && IsSubdomain(name) && selector is null,
            ["", "apis", "batch", "v1", "namespaces", var ns, "jobs", var name] => Label().IsMatch(ns) && IsSubdomain(name) && selector is null,
            ["", "apis", "batch", "v1", "namespaces", var ns, "jobs"] => Label().IsMatch(ns) && selector is null,
            ["", "api", "v1", "nodes", var name] => IsSubdomain(name) && selector is null && accept.StartsWith("application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1", StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>Query pairs, unescaped; null when a key repeats (a second selector could widen the first).</summary>
    private static List<KeyValuePair<string, string>>? Query(string query)
    {
        var pairs = query.Length == 0 ? [] : query.Split('&').Select(p => p.Split('=', 2)).Select(kv => KeyValuePair.Create(Uri.UnescapeDataString(kv[0]), Uri.UnescapeDataString(kv.ElementAtOrDefault(1) ?? ""))).ToList();
        return pairs.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count() == pairs.Count ? pairs : null;
    }

    private static bool IsPodNameSelector(string? selector) =>
        selector is not null && selector.StartsWith("metadata.name=", StringComparison.Ordinal) && IsSubdomain(selector["metadata.name=".Length..]);

    private static bool IsJobLabelSelector(string? labels) =>
        labels is not null && labels.StartsWith("job-name=", StringComparison.Ordinal) && Label().IsMatch(labels["job-name=".Length..]);

    private static bool IsNodeSelector(string selector) =>
        selector.StartsWith("spec.nodeName=", StringComparison.Ordinal) && IsSubdomain(selector["spec.nodeName=".Length..]);

    private static bool IsSubdomain(string name) => name.Length <= 253 && Subdomain().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    private (HttpStatusCode, string)? Authorize(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() == $"Bearer {Token}"
            ? null
            : (HttpStatusCode.Unauthorized, Status(HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized"));

    private (HttpStatusCode, string)? Fail() =>
        FailWith is { } status ? (status, Status(status, status.ToString(), "the fake API server was told to fail")) : null;

    private (HttpStatusCode, string) Route(HttpContext context)
    {
        var parts = context.Request.Path.Value!.Trim('/').Split('/');
        return parts switch
        {
            ["api", "v1", "pods"] => Read("pods", "list", () => KubernetesJson.Serialize(ListPods(context.Request.Query["fieldSelector"].ToString()))),
            ["api", "v1", "namespaces", var ns, "pods"] => Read("pods", "list", () => KubernetesJson.Serialize(ListNamespacedPods(ns, context.Request.Query["fieldSelector"].ToString(), context.Request.Query["labelSelector"].ToString()))),
            ["apis", "apps", "v1", "namespaces", var ns, "replicasets", var name] => Get("replicasets", replicaSets, ns, name),
            ["apis", "batch", "v1", "namespaces", var ns, "jobs", var name] => Get("jobs", jobs, ns, name),
            ["apis", "batch", "v1", "namespaces", var ns, "jobs"] => Read("jobs", "list", () => KubernetesJson.Serialize(ListJobs(ns))),
            ["api", "v1", "nodes", var name] => Read("nodes", "get", () => nodes.TryGetValue(name, out var node) ? NodeMetadata(node) : null, name),
            _ => (HttpStatusCode.NotFound, Status(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource")),
        };
    }

    private V1PodList ListPods(string fieldSelector)
    {
        const string NodeField = "spec.nodeName=";
        var node = fieldSelector.StartsWith(NodeField, StringComparison.Ordinal) ? fieldSelector[NodeField.Length..] : null;
        var items = pods.Values.Where(p => node is null || p.Spec.NodeName == node).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();
        return new V1PodList { Items = items, ApiVersion = "v1", Kind = "PodList", Metadata = new V1ListMeta { ResourceVersion = "4242" } };
    }

    /// <summary>The pods of a namespace narrowed to one name or to one Job's <c>job-name</c> label, as the API server narrows them.</summary>
    private V1PodList ListNamespacedPods(string ns, string fieldSelector, string labelSelector)
    {
        var name = fieldSelector.StartsWith("metadata.name=", StringComparison.Ordinal) ? fieldSelector["metadata.name=".Length..] : null;
        var job = labelSelector.StartsWith("job-name=", StringComparison.Ordinal) ? labelSelector["job-name=".Length..] : null;
        var items = pods.Values
            .Where(p => p.Metadata.NamespaceProperty == ns)
            .Where(p => name is null || p.Metadata.Name == name)
            .Where(p => job is null || p.Metadata.Labels?.TryGetValue("job-name", out var value) == true && value == job)
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        return new V1PodList { Items = items, ApiVersion = "v1", Kind = "PodList", Metadata = new V1ListMeta { ResourceVersion = "4244" } };
    }

    private V1JobList ListJobs(string ns) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "JobList",
        Metadata = new V1ListMeta { ResourceVersion = "4243" },
        Items = jobs.Values.Where(j => j.Metadata.NamespaceProperty == ns).OrderBy(j => j.Metadata.Name, StringComparer.Ordinal).ToList(),
    };

    private (HttpStatusCode, string) Get<T>(string resource, ConcurrentDictionary<string, T> store, string ns, string name) =>
        Read(resource, "get", () => store.TryGetValue($"{ns}/{name}", out var item) ? KubernetesJson.Serialize(item) : null, name);

    private (HttpStatusCode, string) Read(string resource, string verb, Func<string?> body, string? name = null)
    {
        if (ForbiddenResources.Contains(resource))
        {
            var group = resource switch { "replicasets" => "apps", "jobs" => "batch", _ => "" };
            var scope = verb == "list" || resource == "nodes" ? "at the cluster scope" : "in the namespace";
            return (HttpStatusCode.Forbidden, Status(HttpStatusCode.Forbidden, "Forbidden",
                $"{resource}{(name is null ? "" : $" \"{name}\"")} is forbidden: User \"system:serviceaccount:ops:notifier\" cannot {verb} resource \"{resource}\" in API group \"{group}\" {scope}"));
        }

        return body() is { } json
            ? (HttpStatusCode.OK, json)
            : (HttpStatusCode.NotFound, Status(HttpStatusCode.NotFound, "NotFound", $"{resource} \"{name}\" not found"));
    }

    /// <summary>What the API server answers for <c>as=PartialObjectMetadata</c>: the object's metadata and nothing else.</summary>
    private static string NodeMetadata(V1ObjectMeta metadata) =>
        KubernetesJson.Serialize(new V1Node { ApiVersion = "meta.k8s.io/v1", Kind = "PartialObjectMetadata", Metadata = metadata });

    /// <summary>A meta/v1 Status as the API server sends it (KubernetesClient only reads this type, it cannot write it).</summary>
    private static string Status(HttpStatusCode code, string reason, string message) =>
        JsonSerializer.Serialize(new { kind = "Status", apiVersion = "v1", metadata = new { }, status = "Failure", message, reason, code = (int)code });
}
