namespace GkeEventNotifier.Tests.Deploy.ProviderSchema;

/// <summary>
/// Where google provider 7.x (what versions.tf asks for) differs from the 6.50 schema the npm package was generated
/// from, for the resources this repository uses. Listed in docs/deploy.md; add a row when an upgrade changes one.
/// </summary>
internal static class Provider7Differences
{
    /// <summary>Arguments 7.x requires that 6.50 left optional: resource type, then the path of blocks and the argument.</summary>
    public static readonly IReadOnlyList<(string Type, string Path)> NowRequired =
    [
        ("google_cloudfunctions2_function", "event_trigger.event_type"),
    ];

    /// <summary>Arguments 6.50 accepted in configuration that are read-only (computed) in 7.x.</summary>
    public static readonly IReadOnlyList<(string Type, string Path)> NowReadOnly =
    [
        ("google_cloudfunctions2_function", "service_config.service"),
    ];

    public static ResourceSchema Apply(string type, ResourceSchema schema)
    {
        foreach (var (_, path) in NowRequired.Where(d => d.Type == type))
        {
            schema = Rewrite(schema, path.Split('.'), argument => argument with { Required = true });
        }

        foreach (var (_, path) in NowReadOnly.Where(d => d.Type == type))
        {
            schema = Rewrite(schema, path.Split('.'), _ => null);
        }

        return schema;
    }

    private static ResourceSchema Rewrite(ResourceSchema schema, string[] path, Func<SchemaArgument, SchemaArgument?> change)
    {
        if (path.Length > 1)
        {
            var block = schema.Blocks.TryGetValue(path[0], out var found)
                ? found
                : throw new InvalidOperationException($"Provider7Differences names block {path[0]}, which the 6.50 schema does not have.");
            var blocks = new Dictionary<string, SchemaBlock>(schema.Blocks, StringComparer.Ordinal)
            {
                [path[0]] = block with { Schema = Rewrite(block.Schema, path[1..], change) },
            };
            return schema with { Blocks = blocks };
        }

        var arguments = new Dictionary<string, SchemaArgument>(schema.Arguments, StringComparer.Ordinal);
        var changed = arguments.TryGetValue(path[0], out var argument)
            ? change(argument)
            : throw new InvalidOperationException($"Provider7Differences names argument {path[0]}, which the 6.50 schema does not have.");
        if (changed is null)
        {
            arguments.Remove(path[0]);
        }
        else
        {
            arguments[path[0]] = changed;
        }

        return schema with { Arguments = arguments };
    }
}
