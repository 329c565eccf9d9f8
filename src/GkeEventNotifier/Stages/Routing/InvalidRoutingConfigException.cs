namespace GkeEventNotifier.Stages.Routing;

/// <summary>The routing file cannot be used: where (line and column, 1-based) and why. Stops the start.</summary>
public sealed class InvalidRoutingConfigException : Exception
{
    public InvalidRoutingConfigException(string file, int line, int column, string reason)
        : base($"{RoutingOptions.ConfigFileVariable} ({file}): line {line}, column {column}: {reason}")
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    public InvalidRoutingConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public InvalidRoutingConfigException()
    {
        Reason = "";
    }

    public InvalidRoutingConfigException(string message)
        : base(message)
    {
        Reason = message;
    }

    public int Line { get; }

    public int Column { get; }

    public string Reason { get; }
}
