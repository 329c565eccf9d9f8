using System.Reflection;
using GkeEventNotifier.Composition;
using NetArchTest.Rules;

namespace GkeEventNotifier.Tests.Architecture;

/// <summary>
/// The library's folders are layers (README, "Layout"): Model ← Stages ← Composition, and Adapters implement what
/// Model and Stages own. A stage uses the model and earlier stages only. No namespace cycle anywhere.
/// </summary>
public sealed class LayerTests
{
    private const string Root = "GkeEventNotifier";
    private const string Model = Root + ".Model";
    private const string Stages = Root + ".Stages";
    private const string Adapters = Root + ".Adapters";
    private const string CompositionLayer = Root + ".Composition";

    /// <summary>The stages in the order data flows through them.</summary>
    private static readonly string[] StageOrder =
        ["Ingress", "Decoding", "Filtering", "Routing", "Dedup", "Enrichment", "Rendering", "Pacing", "Delivery"];

    private static readonly Assembly Library = typeof(EventPipeline).Assembly;

    [Fact]
    public void EveryTypeOfTheLibrary_SitsInOneOfTheFourLayers()
    {
        var outside = Types.InAssembly(Library).That().ResideInNamespace(Root).GetTypes()
            .Where(t => t.Namespace is { } ns && !new[] { Model, Stages, Adapters, CompositionLayer }.Any(layer => ns == layer || ns.StartsWith(layer + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName);
        Assert.Empty(outside);
    }

    [Fact]
    public void TheModel_UsesNoStageAdapterOrWiring() =>
        AssertNoDependency(Model, Stages, Adapters, CompositionLayer);

    [Fact]
    public void Stages_UseNeitherAdaptersNorWiring() =>
        AssertNoDependency(Stages, Adapters, CompositionLayer);

    [Fact]
    public void Adapters_DoNotUseTheWiring() =>
        AssertNoDependency(Adapters, CompositionLayer);

    [Fact]
    public void EachStage_UsesNoLaterStage()
    {
        var stageFolders = Types.InAssembly(Library).That().ResideInNamespace(Stages).GetTypes()
            .Select(t => t.Namespace!.Split('.')).Where(parts => parts.Length > 2).Select(parts => parts[2]).Distinct();
        Assert.Empty(stageFolders.Except(StageOrder));

        var failures = new List<string>();
        for (var i = 0; i < StageOrder.Length - 1; i++)
        {
            var later = StageOrder[(i + 1)..].Select(stage => $"{Stages}.{stage}").ToArray();
            failures.AddRange(Failing($"{Stages}.{StageOrder[i]}", later).Select(type => $"{type} (stage {StageOrder[i]}) uses a later stage"));
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void TheLibrary_HasNoNamespaceCycle()
    {
        var graph = NamespaceGraph.Of(Library, Root);
        Assert.Contains($"{Stages}.Dedup", graph[CompositionLayer]);
        Assert.Empty(NamespaceGraph.Cycles(graph).Select(cycle => string.Join(" ⇄ ", cycle)));
    }

    [Fact]
    public void CycleDetector_FindsACycleAndIgnoresAOneWayChain()
    {
        var oneWay = new Dictionary<string, IReadOnlySet<string>>
        {
            ["a"] = new HashSet<string> { "b" },
            ["b"] = new HashSet<string> { "c" },
            ["c"] = new HashSet<string>(),
        };
        var withCycle = new Dictionary<string, IReadOnlySet<string>>(oneWay) { ["c"] = new HashSet<string> { "a" }, ["d"] = new HashSet<string> { "a" } };

        Assert.Empty(NamespaceGraph.Cycles(oneWay));
        Assert.Equal(["a", "b", "c"], Assert.Single(NamespaceGraph.Cycles(withCycle)));
    }

    private static void AssertNoDependency(string layer, params string[] forbidden) =>
        Assert.Empty(Failing(layer, forbidden));

    private static IEnumerable<string> Failing(string layer, string[] forbidden)
    {
        var result = Types.InAssembly(Library).That().ResideInNamespace(layer).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        return result.IsSuccessful ? [] : result.FailingTypeNames ?? [];
    }
}
