namespace GkeEventNotifier.Tests.Deploy.ProviderSchema;

/// <summary>
/// One argument of a resource or block: whether it must be set, its value type as the provider declares it
/// (<c>string</c>, <c>number</c>, <c>boolean</c>, <c>stringList</c>, <c>stringMap</c>, …) and, where the provider's
/// description lists them, the values it accepts.
/// </summary>
internal sealed record SchemaArgument(string Name, bool Required, string Type, IReadOnlyList<string> AllowedValues);

/// <summary>A nested block: whether at least one must be written, and what goes inside it.</summary>
internal sealed record SchemaBlock(string Name, bool Required, ResourceSchema Schema);

/// <summary>The arguments and nested blocks a resource (or one of its blocks) accepts in configuration.</summary>
internal sealed record ResourceSchema(
    IReadOnlyDictionary<string, SchemaArgument> Arguments,
    IReadOnlyDictionary<string, SchemaBlock> Blocks);
