namespace GkeEventNotifier.Model;

/// <summary>
/// The cluster could not answer a look-up. <see cref="Exception.Message"/> is written for the alert's reader
/// (what failed and what to change); it never contains a token or credentials.
/// </summary>
public sealed class PodLookupException : Exception
{
    public PodLookupException()
    {
    }

    public PodLookupException(string message)
        : base(message)
    {
    }

    public PodLookupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
