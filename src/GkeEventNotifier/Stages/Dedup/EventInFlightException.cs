namespace GkeEventNotifier.Stages.Dedup;

/// <summary>Another instance holds the claim on this event and has not settled it yet: Pub/Sub delivers the message again later.</summary>
internal sealed class EventInFlightException : Exception
{
    public EventInFlightException(string message)
        : base(message)
    {
    }

    public EventInFlightException()
    {
    }

    public EventInFlightException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
