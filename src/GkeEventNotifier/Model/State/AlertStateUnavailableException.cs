namespace GkeEventNotifier.Model.State;

/// <summary>The shared state did not answer in time or failed in a way a retry can fix.</summary>
internal sealed class AlertStateUnavailableException : Exception
{
    public AlertStateUnavailableException(string message)
        : base(message)
    {
    }

    public AlertStateUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AlertStateUnavailableException()
    {
    }
}
