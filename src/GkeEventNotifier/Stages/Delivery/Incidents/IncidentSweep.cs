using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// The re-check of open incidents that no recovery event will close (a crash loop writes none), run for a Pub/Sub
/// message with the attribute <c>gke-events-sweep=1</c> that a Cloud Scheduler job publishes every few minutes. Each
/// due incident's rule reads the cluster (one read per subject, at most RECOVERY_CHECKS_PER_SWEEP per sweep, the most
/// overdue first); healthy with nothing changed for RECOVERY_STABLE_MINUTES resolves it, gone or replaced closes it,
/// still failing restarts the clock and waits that long before the next read (and, for a rule whose wording restates its
/// incidents, says so in the thread once a day).
/// </summary>
internal sealed partial class IncidentSweep(
    IncidentLifecycle lifecycle,
    IncidentStore store,
    RoutingTable routing,
    IOptions<IncidentOptions> options,
    TimeProvider time,
    ILogger<IncidentSweep> logger)
{
    public const string Attribute = "gke-events-sweep";

    public static bool IsSweep(IReadOnlyDictionary<string, string> attributes) =>
        attributes.TryGetValue(Attribute, out var value) && value == "1";

    public async Task<PipelineOutcome> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await store.ListOpenAsync(cancellationToken);
        var due = open.Where(found => found.Incident.RecheckAt <= now).OrderBy(found => found.Incident.RecheckAt).ToList();
        var reads = new Dictionary<string, Recheck>(StringComparer.Ordinal);
        int closed = 0, waiting = 0;
        foreach (var (incident, version) in due)
        {
            if (lifecycle.Rules.FirstOrDefault(rule => rule.Owns(incident)) is not { } rule)
            {
                continue; // a problem this version does not know: its record expires on its own
            }

            var read = $"{incident.Problem}|{incident.Subject.Cluster}|{incident.Subject}|{incident.Subject.Revision}";
            if (!reads.TryGetValue(read, out var recheck))
            {
                if (reads.Count >= options.Value.ChecksPerSweep)
                {
                    waiting++;
                    continue;
                }

                recheck = await rule.RecheckAsync(incident, cancellationToken);
                reads[read] = recheck;
            }

            closed += await ApplyAsync(incident, version, rule, recheck, now, cancellationToken) ? 1 : 0;
        }

        return PipelineOutcome.NoAlert(
            $"recovery sweep: {open.Count} open incident(s), {due.Count} due, {reads.Count} cluster read(s), {closed} closed, {waiting} left for the next sweep");
    }

    /// <summary>True when the incident closed.</summary>
    private async Task<bool> ApplyAsync(Incident incident, string version, IIncidentRule rule, Recheck recheck, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stable = options.Value.Stable;
        if (incident.IsHeld)
        {
            return await DecideHeldAsync(incident, version, recheck, now, cancellationToken);
        }

        switch (recheck)
        {
            case Recheck.Healthy healthy when healthy.Fingerprint == incident.Fingerprint && incident.StableSince is { } since && now - since >= stable:
                return await lifecycle.ResolveAsync(incident, version, Receiver(incident), now,
                    rule.Wording.Recovered(incident, since, $"{healthy.State} for {Durations.Say(now - since)}"), cancellationToken);
            case Recheck.Healthy healthy when healthy.Fingerprint == incident.Fingerprint && incident.StableSince is { } since:
                await store.TryWriteAsync(incident with { RecheckAt = since + stable }, version, cancellationToken);
                return false;
            case Recheck.Healthy healthy:
                await store.TryWriteAsync(incident with { Fingerprint = healthy.Fingerprint, StableSince = now, RecheckAt = now + stable }, version, cancellationToken);
                return false;
            case Recheck.Failing failing:
                LogStillFailing(logger, incident.Subject, incident.Problem, failing.Why);
                var restated = await RestateAsync(incident, rule, Receiver(incident), now, failing.Why, cancellationToken);
                await store.TryWriteAsync(incident with { Fingerprint = null, StableSince = null, RecheckAt = now + stable, RestatedAt = restated ?? incident.RestatedAt }, version, cancellationToken);
                return false;
            case Recheck.Replaced replaced:
                return await lifecycle.ResolveAsync(incident, version, Receiver(incident), now, rule.Wording.Closed(incident, now, replaced.Why), cancellationToken);
            case Recheck.Unknown unknown:
                LogUnreadable(logger, incident.Subject, unknown.Why);
                return false;
            default:
                throw new InvalidOperationException($"unknown re-check result {recheck.GetType().Name}");
        }
    }

    /// <summary>
    /// A held failure whose hold is over: still failing (or a cluster that cannot be read) posts its alert now; healthy,
    /// gone or replaced closes it without a message. True when it closed.
    /// </summary>
    private async Task<bool> DecideHeldAsync(Incident incident, string version, Recheck recheck, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (recheck)
        {
            case Recheck.Healthy healthy:
                return await lifecycle.ResolveAsync(incident, version, Receiver(incident), now, healthy.State, cancellationToken);
            case Recheck.Replaced replaced:
                return await lifecycle.ResolveAsync(incident, version, Receiver(incident), now, replaced.Why, cancellationToken);
            case Recheck.Failing failing:
                LogStillFailing(logger, incident.Subject, incident.Problem, failing.Why);
                await lifecycle.AlertHeldAsync(incident, version, Receiver(incident), now, cancellationToken);
                return false;
            case Recheck.Unknown unknown:
                LogUnreadable(logger, incident.Subject, unknown.Why);
                await lifecycle.AlertHeldAsync(incident, version, Receiver(incident), now, cancellationToken);
                return false;
            default:
                throw new InvalidOperationException($"unknown re-check result {recheck.GetType().Name}");
        }
    }

    /// <summary>
    /// Posts the once-a-day line of an incident the sweep found still open in its thread, when the rule's wording restates
    /// it and a day has passed since it opened or was last restated; returns when it did, null otherwise. Never a message
    /// of its own: without a thread (a webhook) nothing is restated.
    /// </summary>
    private static async Task<DateTimeOffset?> RestateAsync(Incident incident, IIncidentRule rule, Receiver? receiver, DateTimeOffset at, string why, CancellationToken cancellationToken)
    {
        if (at - (incident.RestatedAt ?? incident.Thread.First) < IncidentWording.RestateEvery
            || rule.Wording.Restated(incident, at, why) is not { } line
            || receiver is not { CanThread: true } || incident.Thread.Ts is null)
        {
            return null;
        }

        await receiver.Client.PostAsync(IncidentRenderer.Restatement(receiver, incident, line), cancellationToken);
        return at;
    }

    private Receiver? Receiver(Incident incident) =>
        routing.Routes.Select(route => route.Receiver).Append(routing.Default).FirstOrDefault(receiver => receiver.Name == incident.Receiver);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Subject} still has its {Problem}: {Why}")]
    private static partial void LogStillFailing(ILogger logger, IncidentSubject subject, string problem, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-check {Subject}; its incident stays open until the next sweep: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, IncidentSubject subject, string reason);
}
