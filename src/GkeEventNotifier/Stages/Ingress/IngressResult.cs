namespace GkeEventNotifier.Stages.Ingress;

/// <summary>What ingress made of a request.</summary>
public abstract record IngressResult
{
    private IngressResult()
    {
    }

    /// <summary>A Pub/Sub message, and which request shape carried it (for logs).</summary>
    public sealed record Message(PubSubMessage PubSub, string Shape) : IngressResult;

    /// <summary>A valid CloudEvent of another type: logged and acknowledged, since no retry will change its type.</summary>
    public sealed record OtherEvent(string Type, string Id) : IngressResult;

    /// <summary>Not an event at all (HTTP 400).</summary>
    public sealed record Rejected(string Reason) : IngressResult;
}
