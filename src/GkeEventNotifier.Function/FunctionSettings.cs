using System.ComponentModel.DataAnnotations;

namespace GkeEventNotifier.Function;

/// <summary>Settings of the host itself (the pipeline's settings live with their stages).</summary>
internal sealed class FunctionSettings
{
    public const string PortVariable = "PORT";
    public const string MaxRequestBytesVariable = "MAX_REQUEST_BYTES";

    /// <summary>
    /// The largest request body accepted. A LogEntry is at most 256 KiB; base64 and the envelope make that ~350 KiB,
    /// so 1 MiB leaves room without letting a caller make the function buffer megabytes.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "MAX_REQUEST_BYTES must be between 1024 and 16777216.")]
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    public static int Port(IConfiguration configuration) =>
        int.TryParse(configuration[PortVariable], out var port) && port is > 0 and < 65536 ? port
        : configuration[PortVariable] is null ? 8080
        : throw new InvalidOperationException($"{PortVariable} must be a TCP port number (1-65535); got '{configuration[PortVariable]}'.");

    public static void Bind(FunctionSettings settings, IConfiguration configuration)
    {
        settings.MaxRequestBytes = GkeEventNotifier.Configuration.Settings.Integer(configuration, MaxRequestBytesVariable, settings.MaxRequestBytes);
    }
}
