namespace GkeEventNotifier.Stages.Filtering;

/// <summary>The configured filter cannot be used: stops the start-up with a message naming the setting and the position.</summary>
public sealed class InvalidFilterException : Exception
{
    public InvalidFilterException()
    {
    }

    public InvalidFilterException(string message)
        : base(message)
    {
    }

    public InvalidFilterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
