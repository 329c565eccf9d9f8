using System.Collections.Concurrent;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Enrichment;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// Clusters reached through <c>KUBECONFIG</c> (bearer token, client certificate, CA data or file, exec plugins).
/// An event from GKE cluster C in project P, location L uses the context <c>gke_P_L_C</c> when the file has one (the
/// name <c>gcloud container clusters get-credentials</c> writes), else the current context. With several files (<c>a:b</c>) the first that has that context, else the first, is used whole.
/// </summary>
internal sealed class KubeconfigClusterClients(IOptions<KubernetesOptions> options) : IClusterClients, IDisposable
{
    private readonly FileInfo[] files = KubeconfigFiles.Split(options.Value.Kubeconfig ?? "").Select(f => new FileInfo(f)).ToArray();
    private readonly ConcurrentDictionary<string, Lazy<IKubernetes>> clients = new(StringComparer.Ordinal);

    /// <summary>The client chosen for each cluster, so the kubeconfig files are read once per cluster, not once per look-up.</summary>
    private readonly ConcurrentDictionary<ClusterRef, IKubernetes> chosen = new();

    public async Task<IKubernetes> GetAsync(ClusterRef cluster, CancellationToken cancellationToken) =>
        chosen.TryGetValue(cluster, out var known) ? known : chosen.GetOrAdd(cluster, await ChooseAsync(cluster));

    private async Task<IKubernetes> ChooseAsync(ClusterRef cluster)
    {
        try
        {
            var gkeContext = $"gke_{cluster.ProjectId}_{cluster.Location}_{cluster.ClusterName}";
            var configs = new List<K8SConfiguration>();
            foreach (var file in files)
            {
                configs.Add(await KubernetesClientConfiguration.LoadKubeConfigAsync(file));
            }

            var config = configs.FirstOrDefault(c => c.Contexts?.Any(x => x.Name == gkeContext) == true) ?? configs[0];
            var context = config.Contexts?.Any(c => c.Name == gkeContext) == true ? gkeContext : config.CurrentContext ?? "";
            var client = clients.GetOrAdd(config.FileName + "#" + context, _ => new Lazy<IKubernetes>(() =>
                new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(config, context.Length == 0 ? null : context))));
            return client.Value;
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new PodLookupException($"KUBECONFIG cannot be used: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        foreach (var client in clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}
