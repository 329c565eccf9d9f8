using System.Globalization;

namespace GkeEventNotifier.Tests.Deploy.ProviderSchema;

/// <summary>
/// Checks every <c>resource</c> and <c>data</c> block of the google provider in a set of .tf files against the provider
/// schema: unknown resource types, arguments and blocks; a block written as an argument and the reverse; missing
/// required arguments and blocks; literal values of the wrong type; literal strings outside the documented values.
/// Anything computed (references, functions, templates) is left to terraform at plan time. Other providers' resources
/// are reported in <see cref="Unchecked"/> instead.
/// </summary>
internal sealed class TerraformSchemaChecker(CdktfProviderSchema provider)
{
    private static readonly HashSet<string> MetaArguments = new(StringComparer.Ordinal)
    {
        "count", "for_each", "depends_on", "provider",
    };

    private static readonly HashSet<string> MetaBlocks = new(StringComparer.Ordinal)
    {
        "lifecycle", "provisioner", "connection",
    };

    public List<string> Findings { get; } = [];

    public List<string> Unchecked { get; } = [];

    public int CheckedResources { get; private set; }

    public void CheckFile(string path, string displayName)
    {
        foreach (var block in Hcl.Parse(File.ReadAllText(path), displayName).Blocks)
        {
            if (block.Type is "resource" or "data" && block.Labels.Count == 2)
            {
                CheckResource(block, displayName);
            }
        }
    }

    private void CheckResource(HclBlock block, string file)
    {
        var type = block.Labels[0];
        var dataSource = block.Type == "data";
        var where = $"{file}:{block.Line}: {block.Type} \"{type}\" \"{block.Labels[1]}\"";
        if (!type.StartsWith("google_", StringComparison.Ordinal))
        {
            Unchecked.Add($"{where} (not a google provider type)");
            return;
        }

        var schema = provider.Find(type, dataSource);
        if (schema is null)
        {
            Findings.Add($"{where}: unknown {(dataSource ? "data source" : "resource")} type {type}");
            return;
        }

        CheckedResources++;
        CheckBody(block.Body, Provider7Differences.Apply(type, schema), file, where, topLevel: true);
    }

    private void CheckBody(HclBody body, ResourceSchema schema, string file, string where, bool topLevel)
    {
        foreach (var attribute in body.Attributes)
        {
            if (topLevel && MetaArguments.Contains(attribute.Name))
            {
                continue;
            }

            var at = $"{where}, line {attribute.Line}: {attribute.Name}";
            if (schema.Arguments.TryGetValue(attribute.Name, out var argument))
            {
                CheckValue(attribute, argument, at);
            }
            else if (schema.Blocks.ContainsKey(attribute.Name))
            {
                Findings.Add($"{at} is a block: write `{attribute.Name} {{ … }}`, not `{attribute.Name} = …`");
            }
            else
            {
                Findings.Add($"{at}: unknown argument (not in the provider schema)");
            }
        }

        var written = new HashSet<string>(body.Attributes.Select(a => a.Name), StringComparer.Ordinal);
        foreach (var (name, nested, line) in NestedBlocks(body))
        {
            if (topLevel && MetaBlocks.Contains(name))
            {
                continue;
            }

            written.Add(name);
            var at = $"{where}, line {line}: {name}";
            if (schema.Blocks.TryGetValue(name, out var block))
            {
                CheckBody(nested, block.Schema, file, $"{where} › {name}", topLevel: false);
            }
            else if (schema.Arguments.ContainsKey(name))
            {
                Findings.Add($"{at} is an argument: write `{name} = …`, not a block");
            }
            else
            {
                Findings.Add($"{at}: unknown block (not in the provider schema)");
            }
        }

        foreach (var missing in schema.Arguments.Values.Where(a => a.Required && !written.Contains(a.Name)))
        {
            Findings.Add($"{where}: missing required argument {missing.Name}");
        }

        foreach (var missing in schema.Blocks.Values.Where(b => b.Required && !written.Contains(b.Name)))
        {
            Findings.Add($"{where}: missing required block {missing.Name}");
        }
    }

    /// <summary>Blocks as written, with <c>dynamic "x" { content { … } }</c> standing for the blocks <c>x</c> it makes.</summary>
    private static IEnumerable<(string Name, HclBody Body, int Line)> NestedBlocks(HclBody body)
    {
        foreach (var block in body.Blocks)
        {
            if (block.Type == "dynamic" && block.Labels.Count == 1)
            {
                var content = block.Body.Blocks.FirstOrDefault(b => b.Type == "content");
                yield return (block.Labels[0], content?.Body ?? new HclBody([], []), block.Line);
            }
            else
            {
                yield return (block.Type, block.Body, block.Line);
            }
        }
    }

    private void CheckValue(HclAttribute attribute, SchemaArgument argument, string at)
    {
        var accepted = (argument.Type, attribute.Kind) switch
        {
            (_, HclValueKind.Expression or HclValueKind.Null) => true,
            ("string", HclValueKind.String or HclValueKind.Template or HclValueKind.Number or HclValueKind.Bool) => true,
            ("number", HclValueKind.Number) => true,
            ("number", HclValueKind.String) => double.TryParse(attribute.Literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            ("boolean", HclValueKind.Bool) => true,
            ("boolean", HclValueKind.String) => attribute.Literal is "true" or "false",
            (var t, HclValueKind.Tuple) when t.EndsWith("List", StringComparison.Ordinal) => true,
            (var t, HclValueKind.Object) when t.EndsWith("Map", StringComparison.Ordinal) => true,
            _ => false,
        };
        if (!accepted)
        {
            Findings.Add($"{at} = {attribute.Expression}: the provider expects a {argument.Type} value");
        }
        else if (attribute.Kind == HclValueKind.String && argument.AllowedValues.Count > 0 && !argument.AllowedValues.Contains(attribute.Literal!))
        {
            Findings.Add($"{at} = {attribute.Expression}: not one of the provider's values ({string.Join(", ", argument.AllowedValues)})");
        }
    }
}
