using System.Reflection;
using NetArchTest.Rules;

namespace GkeEventNotifier.Tests.Architecture;

/// <summary>
/// Which namespace of an assembly uses which, read from its compiled code (NetArchTest: signatures, fields, method
/// bodies, attributes), and the cycles in that graph.
/// </summary>
internal static class NamespaceGraph
{
    /// <summary>Namespace → the other namespaces its types use, for the namespaces under <paramref name="root"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(Assembly assembly, string root)
    {
        var types = Types.InAssembly(assembly).That().ResideInNamespace(root).GetTypes()
            .Where(t => t.Namespace is not null)
            .ToList();
        var graph = types.Select(t => t.Namespace!).Distinct().ToDictionary(ns => ns, _ => new HashSet<string>());
        foreach (var target in graph.Keys.ToList())
        {
            // Full type names, not the namespace: a dependency "on a namespace" would also match its sub-namespaces.
            var names = types.Where(t => t.Namespace == target).Select(t => t.FullName!).ToArray();
            var users = Types.InAssembly(assembly).That().ResideInNamespace(root).And().HaveDependencyOnAny(names).GetTypes();
            foreach (var user in users.Select(t => t.Namespace).OfType<string>().Where(ns => ns != target && graph.ContainsKey(ns)))
            {
                graph[user].Add(target);
            }
        }

        return graph.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value);
    }

    /// <summary>The strongly connected groups of two or more namespaces (Tarjan): each one is a cycle.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges : new HashSet<string>())
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                if (group.Count > 1)
                {
                    cycles.Add(group.Order(StringComparer.Ordinal).ToList());
                }
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;
    }
}
