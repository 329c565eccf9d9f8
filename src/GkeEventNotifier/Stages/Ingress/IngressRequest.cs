namespace GkeEventNotifier.Stages.Ingress;

/// <summary>The parts of an HTTP request ingress reads; free of ASP.NET so the CLI and tests can build one.</summary>
public sealed record IngressRequest(
    string Path,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body);
