using System.Text;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>Reading a command's input: a file path, or <c>-</c> for stdin. A file that cannot be read is reported, not thrown.</summary>
internal static class InputFiles
{
    public const string EntriesDescription =
        "LogEntries: the JSON array 'gcloud logging read --format=json' prints, one entry (pretty-printed or not), or one entry per line; '-' reads stdin.";

    /// <summary>LogEntries of an export (see <see cref="EntriesDescription"/>); null when the file cannot be read.</summary>
    public static async Task<IReadOnlyList<ExportedEntry>?> ReadEntriesAsync(string file, CliConsole console, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(file, console, cancellationToken);
        return bytes is null ? null : LogEntryExportReader.Read(bytes);
    }

    public static async Task<string?> ReadTextAsync(string file, CliConsole console, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(file, console, cancellationToken);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    private static async Task<byte[]?> ReadBytesAsync(string file, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            return file == "-"
                ? Encoding.UTF8.GetBytes(await console.In.ReadToEndAsync(cancellationToken))
                : await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"error: cannot read '{file}': {e.Message}");
            return null;
        }
    }
}
