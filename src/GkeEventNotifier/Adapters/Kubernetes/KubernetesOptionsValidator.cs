using GkeEventNotifier.Stages.Enrichment;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>Start-up checks data annotations cannot express; each failure names its variable.</summary>
internal sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        var failures = new List<string>();
        if (options.GkeApiUrl is { } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{KubernetesOptions.GkeApiUrlVariable} must be an absolute http(s) URL; got '{url}'.");
        }

        if (options.Kubeconfig is { } kubeconfig && KubeconfigFiles.Split(kubeconfig).FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            failures.Add($"{KubernetesOptions.KubeconfigVariable} names '{missing}', which does not exist.");
        }

        failures.AddRange(options.ClusterProjects.Where(p => !GoogleNames.IsProjectId(p))
            .Select(p => $"{KubernetesOptions.ClusterProjectsVariable} holds '{p}', which is not a Google Cloud project id (6–30 lowercase letters, digits and hyphens, starting with a letter)."));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
