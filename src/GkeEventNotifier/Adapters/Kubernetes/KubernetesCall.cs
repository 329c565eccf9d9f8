using System.Net;
using GkeEventNotifier.Model;
using k8s;
using k8s.Autorest;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>
/// One call to a cluster, as every adapter here makes it: bounded by the look-up timeout (KUBERNETES_TIMEOUT_SECONDS),
/// a time-out or API failure turned into the <see cref="PodLookupException"/> that says what to check, a 404 into
/// <c>whenGone</c> when the caller gives one. The caller's own cancellation propagates as such.
/// </summary>
internal static class KubernetesCall
{
    public static async Task<T> RunAsync<T>(
        IClusterClients clusters,
        ClusterRef cluster,
        KubernetesOperation operation,
        TimeSpan timeout,
        TimeProvider time,
        Func<IKubernetes, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken,
        T? whenGone = default)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var client = await clusters.GetAsync(cluster, linked.Token);
            return await call(client, linked.Token);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound && whenGone is not null)
        {
            return whenGone;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw KubernetesFailure.TimedOut(operation, timeout, e);
        }
        catch (Exception e) when (KubernetesFailure.IsApiFailure(e))
        {
            throw KubernetesFailure.Describe(operation, e);
        }
    }
}
