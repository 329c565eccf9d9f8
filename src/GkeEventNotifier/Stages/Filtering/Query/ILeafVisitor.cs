using System.Text.Json;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>A check applied to each value a field path reaches; a struct so that evaluation allocates nothing.</summary>
internal interface ILeafVisitor
{
    /// <summary>True stops the walk: the comparison matched.</summary>
    bool Visit(JsonElement leaf);
}
