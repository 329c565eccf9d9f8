namespace GkeEventNotifier.Cli;

/// <summary>The CLI's standard streams, so tests can run commands in memory.</summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);
