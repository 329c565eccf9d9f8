using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Enrichment;

/// <summary>
/// Says in the alert when the event's namespace or object name is not a valid Kubernetes name. The API server never
/// writes such a name, so the event was written by someone else (anyone who can write to the events log); no look-up
/// uses it (the Kubernetes adapters refuse it before building a request), and the alert says so instead of silently
/// showing less. Only kinds whose names reach requests are checked: other kinds have other rules (RBAC names hold ':').
/// </summary>
internal sealed class ObjectNameCheck : IEventEnricher
{
    public const string Heading = "Object name not valid";

    private static readonly HashSet<string> LookedUpKinds = new(StringComparer.Ordinal) { "Pod", "Node", "Job", "CronJob", "ReplicaSet" };

    public bool AppliesTo(EventLogEntry entry) => Problems(entry.Event.InvolvedObject).Any();

    public Task<IReadOnlyList<Finding>> EnrichAsync(EventLogEntry entry, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Finding>>([new Finding(Heading, [], Problems(entry.Event.InvolvedObject).ToList())]);

    private static IEnumerable<string> Problems(ObjectRef involved)
    {
        if (involved.Namespace is not null && KubernetesNames.ProblemWithNamespace(involved.Namespace) is { } ns)
        {
            yield return ns;
        }

        if (LookedUpKinds.Contains(involved.Kind) && KubernetesNames.ProblemWithName(involved.Kind, involved.Name) is { } name)
        {
            yield return name;
        }
    }
}
