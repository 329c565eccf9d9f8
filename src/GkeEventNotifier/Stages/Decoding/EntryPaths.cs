using System.Text;

namespace GkeEventNotifier.Stages.Decoding;

/// <summary>
/// The object paths of a LogEntry that one reader pass collects (<see cref="ParsedLogEntry.TryScan"/>), compiled once
/// into a tree of their names: the pipeline's own (what makes an event, its cluster and time) first, then a filter's.
/// The same path always has the same index. Holds no state of an entry, so one instance serves every request.
/// </summary>
internal sealed class EntryPaths
{
    public const int Root = -1;

    private static readonly string[][] PipelinePaths =
    [
        ["jsonPayload"], ["jsonPayload", "reason"], ["jsonPayload", "involvedObject"],
        ["resource", "labels", "project_id"], ["resource", "labels", "location"], ["resource", "labels", "cluster_name"],
        ["timestamp"], ["receiveTimestamp"],
    ];

    /// <summary>The pipeline's paths come first in every instance, so their indices are the same in each.</summary>
    private static readonly EntryPaths PipelineOnly = With([]);

    public static readonly int JsonPayload = PipelineOnly.IndexOf(PipelinePaths[0]);
    public static readonly int Reason = PipelineOnly.IndexOf(PipelinePaths[1]);
    public static readonly int InvolvedObject = PipelineOnly.IndexOf(PipelinePaths[2]);
    public static readonly int ProjectId = PipelineOnly.IndexOf(PipelinePaths[3]);
    public static readonly int Location = PipelineOnly.IndexOf(PipelinePaths[4]);
    public static readonly int ClusterName = PipelineOnly.IndexOf(PipelinePaths[5]);
    public static readonly int Timestamp = PipelineOnly.IndexOf(PipelinePaths[6]);
    public static readonly int ReceiveTimestamp = PipelineOnly.IndexOf(PipelinePaths[7]);

    private readonly List<int> parents = [];
    private readonly List<byte[]> names = [];
    private readonly List<List<int>> children = [[]];

    private EntryPaths()
    {
    }

    /// <summary>How many paths (and the objects on their way) one pass reads: the length of its values.</summary>
    public int Count => parents.Count;

    /// <summary>The pipeline's paths, then <paramref name="paths"/> (each a list of object keys, matched exactly).</summary>
    public static EntryPaths With(IEnumerable<IReadOnlyList<string>> paths)
    {
        var tree = new EntryPaths();
        foreach (var path in PipelinePaths.Concat(paths))
        {
            tree.Add(path);
        }

        return tree;
    }

    /// <summary>The index of a path given to <see cref="With"/> (or of the objects on its way).</summary>
    public int IndexOf(IReadOnlyList<string> path)
    {
        var node = Root;
        foreach (var segment in path)
        {
            node = Child(node, segment);
            if (node == Root)
            {
                throw new ArgumentException($"the path {string.Join('.', path)} is not one of these paths", nameof(path));
            }
        }

        return node;
    }

    public int Parent(int node) => parents[node];

    public List<int> ChildrenOf(int node) => children[node + 1];

    public ReadOnlySpan<byte> NameOf(int node) => names[node];

    private void Add(IReadOnlyList<string> path)
    {
        var node = Root;
        foreach (var segment in path)
        {
            var child = Child(node, segment);
            if (child == Root)
            {
                child = parents.Count;
                parents.Add(node);
                names.Add(Encoding.UTF8.GetBytes(segment));
                children.Add([]);
                ChildrenOf(node).Add(child);
            }

            node = child;
        }
    }

    private int Child(int node, string segment)
    {
        var name = Encoding.UTF8.GetBytes(segment);
        foreach (var child in ChildrenOf(node))
        {
            if (names[child].AsSpan().SequenceEqual(name))
            {
                return child;
            }
        }

        return Root;
    }
}
