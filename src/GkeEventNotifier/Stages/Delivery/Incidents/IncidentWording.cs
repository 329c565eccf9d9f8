using GkeEventNotifier.Stages.Delivery.Threads;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// The lines an incident's messages carry: what is failing, how it ended, and whether a lasting incident is restated.
/// A rule whose problems read differently (a node's conditions: "Node condition X is True on N since …") derives from it.
/// </summary>
internal class IncidentWording
{
    public static readonly IncidentWording Default = new();

    /// <summary>How often a lasting incident is restated in its thread, when the wording restates at all.</summary>
    public static readonly TimeSpan RestateEvery = TimeSpan.FromDays(1);

    /// <summary>The line on the first message: "crash loop: Deployment shop/cart".</summary>
    public virtual string Opened(Incident incident) => $"{incident.Problem}: {incident.Subject.Describe()}";

    /// <summary>
    /// The first message's line with what the failure says of its cause and, for a failure that was held, how long it
    /// has been failing: "scheduling (insufficient cpu): Deployment shop/cart, failing for 15 min".
    /// </summary>
    public virtual string Opened(Incident incident, string? detail, TimeSpan? failingFor) =>
        detail is null && failingFor is null
            ? Opened(incident)
            : $"{incident.Problem}{(detail is null ? "" : $" ({detail})")}: {incident.Subject.Describe()}{(failingFor is { } held ? $", failing for {Durations.Say(held)}" : "")}";

    /// <summary>The line on a further failure's reply: "crash loop: failure 3".</summary>
    public virtual string Joined(Incident incident) => $"{incident.Problem}: failure {incident.Thread.Count}";

    /// <summary>The line on every failure where there is no thread (a webhook): "crash loop: Deployment shop/cart, failure 3".</summary>
    public virtual string Counted(Incident incident) => $"{incident.Problem}: {incident.Subject.Describe()}, failure {incident.Thread.Count}";

    /// <summary>The line on the first message rewritten as failures join; null keeps the thread's counter ("2 pods BackOff in …").</summary>
    public virtual string? Parent(Incident incident) => null;

    /// <summary>"Deployment shop/cart recovered after 12 min (image pull: Successfully pulled image …)".</summary>
    public virtual string Recovered(Incident incident, DateTimeOffset at, string how) =>
        $"{incident.Subject.Describe()} recovered after {Durations.Say(at - incident.Thread.First)} ({incident.Problem}: {how})";

    /// <summary>"Deployment shop/cart closed after 40 min (crash loop): replaced by revision 7d9f6c5b8".</summary>
    public virtual string Closed(Incident incident, DateTimeOffset at, string why) =>
        $"{incident.Subject.Describe()} closed after {Durations.Say(at - incident.Thread.First)} ({incident.Problem}): {why}";

    /// <summary>The once-a-day line in the thread of an incident the re-check finds still open; null: never restated.</summary>
    public virtual string? Restated(Incident incident, DateTimeOffset at, string why) => null;
}
