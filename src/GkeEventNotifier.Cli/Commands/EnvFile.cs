using Microsoft.Extensions.Configuration;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>
/// Settings from an env file: <c>KEY=VALUE</c> lines; blank lines and <c>#</c> comments skipped; an optional
/// <c>export </c> prefix and one pair of surrounding quotes removed. A line without '=' is an error naming the line.
/// </summary>
internal static class EnvFile
{
    public static async Task<IConfiguration?> ReadAsync(string path, CliConsole console, CancellationToken cancellationToken)
    {
        var text = await InputFiles.ReadTextAsync(path, console, cancellationToken);
        if (text is null)
        {
            return null;
        }

        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            line = line.StartsWith("export ", StringComparison.Ordinal) ? line["export ".Length..].TrimStart() : line;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                await console.Error.WriteLineAsync($"{path}:{number}: error: expected KEY=VALUE");
                return null;
            }

            settings[line[..equals].Trim()] = Unquote(line[(equals + 1)..].Trim());
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
