
namespace GkeEventNotifier.Model;

/// <summary>The Kubernetes object an event is about (<c>involvedObject</c>); every field but kind and name may be missing.</summary>
public sealed record ObjectRef(
    string Kind,
    string Name,
    string? Namespace = null,
    string? Uid = null,
    string? ApiVersion = null,
    string? FieldPath = null)
{
    /// <summary><c>namespace/name</c>, or the name alone for cluster-scoped objects such as Nodes.</summary>
    public string QualifiedName => Namespace is { Length: > 0 } ns ? $"{ns}/{Name}" : Name;

    /// <summary>The container named by a field path such as <c>spec.containers{app}</c>, if any.</summary>
    public string? ContainerName
    {
        get
        {
            if (FieldPath is null)
            {
                return null;
            }

            var open = FieldPath.IndexOf('{', StringComparison.Ordinal);
            var close = FieldPath.LastIndexOf('}');
            return open >= 0 && close > open + 1 ? FieldPath[(open + 1)..close] : null;
        }
    }
}
