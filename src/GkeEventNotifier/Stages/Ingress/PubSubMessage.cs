namespace GkeEventNotifier.Stages.Ingress;

/// <summary>
/// A Pub/Sub message however it arrived (binary or structured CloudEvent, raw push, legacy GCF event).
/// <see cref="Data"/> stays base64 here: decoding it is the decode stage's job, where bad data is poison, not a bad request.
/// </summary>
public sealed record PubSubMessage(
    string MessageId,
    string? Data,
    IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset? PublishTime = null,
    string? Subscription = null,
    int? DeliveryAttempt = null);
