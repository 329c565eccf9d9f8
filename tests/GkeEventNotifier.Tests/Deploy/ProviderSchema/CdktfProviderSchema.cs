using System.Text.RegularExpressions;

namespace GkeEventNotifier.Tests.Deploy.ProviderSchema;

/// <summary>
/// Reads resource schemas out of <c>@cdktf/provider-google</c>, which is generated from the provider's own schema:
/// per resource, <c>lib/NAME/index.js</c> lists every configurable argument and block under its terraform name with
/// its type (<c>isBlock</c>, <c>storageClassType</c>), and <c>index.d.ts</c> says which are required (no <c>?</c>)
/// and carries the provider's description, with its "Possible values".
/// </summary>
internal sealed partial class CdktfProviderSchema(string packageDirectory)
{
    private readonly Dictionary<string, ResourceSchema?> _cache = new(StringComparer.Ordinal);

    /// <summary>The schema of <c>resource "TYPE"</c> (or <c>data "TYPE"</c>), or null when the package has no such type.</summary>
    public ResourceSchema? Find(string type, bool dataSource)
    {
        var key = (dataSource ? "data." : "") + type;
        if (!_cache.TryGetValue(key, out var schema))
        {
            schema = Load(type, dataSource);
            _cache[key] = schema;
        }

        return schema;
    }

    private ResourceSchema? Load(string type, bool dataSource)
    {
        var name = type.Replace('_', '-');
        var directory = Path.Combine(packageDirectory, "lib", dataSource ? $"data-{name}" : name["google-".Length..]);
        var js = Path.Combine(directory, "index.js");
        if (!type.StartsWith("google_", StringComparison.Ordinal) || !File.Exists(js))
        {
            return null;
        }

        var code = File.ReadAllText(js);
        var declared = ResourceTypePattern().Match(code);
        if (!declared.Success || declared.Groups["type"].Value != type)
        {
            return null;
        }

        var interfaces = ParseInterfaces(File.ReadAllText(Path.Combine(directory, "index.d.ts")));
        var className = declared.Groups["class"].Value;
        return Build(TopLevelAttributes(code), interfaces[$"{className}Config"], code, interfaces);
    }

    private static ResourceSchema Build(
        string attributesCode,
        IReadOnlyDictionary<string, TsProperty> properties,
        string code,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, TsProperty>> interfaces)
    {
        var arguments = new Dictionary<string, SchemaArgument>(StringComparer.Ordinal);
        var blocks = new Dictionary<string, SchemaBlock>(StringComparer.Ordinal);
        foreach (Match entry in AttributePattern().Matches(attributesCode))
        {
            var name = entry.Groups["name"].Value;
            var value = entry.Groups["value"].Value;
            var property = properties.GetValueOrDefault(PropertyPattern().Match(value).Groups["property"].Value);
            var required = property is { Optional: false };
            if (entry.Groups["block"].Value == "true")
            {
                var structName = Capitalise(StructFunctionPattern().Match(value).Groups["struct"].Value);
                var nested = Build(StructAttributes(code, structName), interfaces.GetValueOrDefault(structName) ?? Empty, code, interfaces);
                blocks[name] = new SchemaBlock(name, required, nested);
            }
            else
            {
                arguments[name] = new SchemaArgument(name, required, entry.Groups["type"].Value, property?.AllowedValues ?? []);
            }
        }

        return new ResourceSchema(arguments, blocks);
    }

    private static readonly IReadOnlyDictionary<string, TsProperty> Empty = new Dictionary<string, TsProperty>();

    private static string TopLevelAttributes(string code)
    {
        var start = code.IndexOf("synthesizeHclAttributes() {", StringComparison.Ordinal);
        return start < 0 ? "" : Section(code, start);
    }

    private static string StructAttributes(string code, string structName)
    {
        var start = code.IndexOf($"function {char.ToLowerInvariant(structName[0])}{structName[1..]}ToHclTerraform(struct) {{", StringComparison.Ordinal);
        return start < 0 ? "" : Section(code, start);
    }

    /// <summary>
    /// From a function header to the generated "remove undefined attributes" line that ends every attrs list. A block
    /// without arguments (<c>ttl_config {}</c>) has no such line: its section ends at the next function or class, or it
    /// would take the resource's own attributes and recurse into itself.
    /// </summary>
    private static string Section(string code, int start)
    {
        var end = code.IndexOf("// remove undefined attributes", start, StringComparison.Ordinal);
        var next = new[] { code.IndexOf("\nfunction ", start + 1, StringComparison.Ordinal), code.IndexOf("\nclass ", start + 1, StringComparison.Ordinal) }
            .Where(at => at >= 0).DefaultIfEmpty(-1).Min();
        return end < 0 || (next >= 0 && next < end) ? "" : code[start..end];
    }

    private static Dictionary<string, IReadOnlyDictionary<string, TsProperty>> ParseInterfaces(string declarations)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, TsProperty>>(StringComparer.Ordinal);
        foreach (Match match in InterfacePattern().Matches(declarations))
        {
            var properties = new Dictionary<string, TsProperty>(StringComparer.Ordinal);
            foreach (Match property in InterfacePropertyPattern().Matches(match.Groups["body"].Value))
            {
                var name = property.Groups["name"].Value;
                properties[name] = new TsProperty(property.Groups["optional"].Success, AllowedValues(property.Groups["doc"].Value));
            }

            result[match.Groups["name"].Value] = properties;
        }

        return result;
    }

    /// <summary>The provider writes enums two ways: <c>Possible values: ["A", "B"]</c>, or a bullet list after <c>Possible values are:</c>.</summary>
    private static IReadOnlyList<string> AllowedValues(string doc)
    {
        var inline = InlineValuesPattern().Match(doc);
        if (inline.Success)
        {
            return [.. QuotedPattern().Matches(inline.Groups["values"].Value).Select(m => m.Groups["value"].Value)];
        }

        var listed = doc.IndexOf("Possible values are:", StringComparison.Ordinal);
        return listed < 0 ? [] : [.. BulletPattern().Matches(doc[listed..]).Select(m => m.Groups["value"].Value)];
    }

    private static string Capitalise(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private sealed record TsProperty(bool Optional, IReadOnlyList<string> AllowedValues);

    [GeneratedRegex("""^(?<class>\w+)\.tfResourceType = "(?<type>\w+)";""", RegexOptions.Multiline)]
    private static partial Regex ResourceTypePattern();

    [GeneratedRegex("""^\s+(?<name>\w+): \{\n\s+value: (?<value>[^\n]*),\n\s+isBlock: (?<block>true|false),\n\s+type: "\w+",\n\s+storageClassType: "(?<type>\w+)",""", RegexOptions.Multiline)]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"(?:struct\??\.|this\._)(?<property>\w+)")]
    private static partial Regex PropertyPattern();

    [GeneratedRegex(@"(?<!cdktf\.)\b(?<struct>[a-z]\w*?)ToHclTerraform\b")]
    private static partial Regex StructFunctionPattern();

    [GeneratedRegex(@"^export interface (?<name>\w+)(?: extends [\w.]+)? \{\n(?<body>.*?)^\}", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex InterfacePattern();

    [GeneratedRegex(@"/\*\*(?<doc>(?:(?!\*/).)*)\*/\s*readonly (?<name>\w+)(?<optional>\?)?:", RegexOptions.Singleline)]
    private static partial Regex InterfacePropertyPattern();

    [GeneratedRegex(@"Possible values: \[(?<values>[^\]]*)\]")]
    private static partial Regex InlineValuesPattern();

    [GeneratedRegex("\"(?<value>[^\"]*)\"")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"^\s*\*\s+\*\s+(?<value>[A-Z][A-Z0-9_]*)\s*$", RegexOptions.Multiline)]
    private static partial Regex BulletPattern();
}
