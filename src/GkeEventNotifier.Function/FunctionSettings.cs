using GkeEventNotifier.Model;

namespace GkeEventNotifier.Function;

/// <summary>Settings of the host itself (the pipeline's settings live with their stages).</summary>
internal sealed class FunctionSettings
{
    public const string PortVariable = "PORT";
    public const string MaxRequestBytesVariable = "MAX_REQUEST_BYTES";
    public const int DefaultPort = 8080;

    /// <summary>The port the Functions Framework contract says to listen on (Cloud Run sets it).</summary>
    [SettingRange(PortVariable, 1, 65535, "a TCP port")]
    public int Port { get; set; } = DefaultPort;

    /// <summary>
    /// The largest request body accepted. A LogEntry is at most 256 KiB; base64 and the envelope make that ~350 KiB,
    /// so 1 MiB leaves room without letting a caller make the function buffer megabytes.
    /// </summary>
    [SettingRange(MaxRequestBytesVariable, 1024, 16 * 1024 * 1024, "bytes")]
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>The port to listen on; an invalid PORT falls back to the default here and is reported by the settings check, before anything listens.</summary>
    public static int ListeningPort(IConfiguration configuration) =>
        Settings.Integer(configuration, PortVariable, DefaultPort) is var port and >= 1 and <= 65535 ? port : DefaultPort;

    public static void Bind(FunctionSettings settings, IConfiguration configuration)
    {
        settings.Port = Settings.Integer(configuration, PortVariable, settings.Port);
        settings.MaxRequestBytes = Settings.Integer(configuration, MaxRequestBytesVariable, settings.MaxRequestBytes);
    }
}
