using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Stages.Delivery.Incidents;

/// <summary>
/// Failures that stay broken until something recovers, as one thread per receiver, subject and problem, from open to
/// recovered. A failure opens the incident (the first message) or joins it (a reply; the first message counts it); a
/// recovery event resolves it ("recovered after D" in the thread, the first message marked resolved; for a rule whose
/// recoveries speak for one pod, once every pod that failed has recovered: <see cref="PendingPods"/>); a failure within
/// RECOVERY_STABLE_MINUTES after that reopens the same thread instead of alerting anew. What is a failure and what is a
/// recovery is each <see cref="IIncidentRule"/>'s; the re-check without a recovery event is <see cref="IncidentSweep"/>'s.
/// Slack is called before the record is written, so a Slack failure leaves the incident as it was and the redelivered
/// message does the step again; two instances racing on one incident both post, and the second write merges.
/// </summary>
internal sealed partial class IncidentLifecycle(
    IEnumerable<IIncidentRule> rules,
    IncidentStore store,
    GroupStore locks,
    SlackNotifier notifier,
    IOptions<IncidentOptions> options,
    IOptions<ThreadOptions> threads,
    ILogger<IncidentLifecycle> logger)
{
    private const int MaxAttempts = 5;
    private readonly IIncidentRule[] rules = rules.ToArray();

    public IReadOnlyList<IIncidentRule> Rules => rules;

    /// <summary>Delivers the alert to its incident when a rule calls it a failure; false when none does (threads handle it).</summary>
    public async Task<bool> TryDeliverFailureAsync(Alert alert, Receiver receiver, CancellationToken cancellationToken)
    {
        foreach (var rule in rules)
        {
            if (rule.Failure(alert.Entry) is { } subject)
            {
                await FailAsync(alert, receiver, rule, subject, cancellationToken);
                return true;
            }
        }

        return false;
    }

    /// <summary>Resolves what a recovery event closes; null when no rule reads the event as a recovery.</summary>
    public async Task<PipelineOutcome?> TryRecoverAsync(EventLogEntry entry, IReadOnlyList<Receiver> receivers, CancellationToken cancellationToken)
    {
        var signals = rules.Select(rule => (Rule: rule, Subject: rule.Recovery(entry))).Where(signal => signal.Subject is not null).ToList();
        if (signals.Count == 0)
        {
            return null;
        }

        var resolved = new List<string>();
        var waiting = new List<string>();
        foreach (var receiver in receivers)
        {
            foreach (var (rule, subject) in signals)
            {
                foreach (var problem in await ProblemsEndedAsync(entry, receiver, rule, subject!, cancellationToken))
                {
                    switch (await RecoverAsync(entry, receiver, rule, problem, subject!, cancellationToken))
                    {
                        case { StillFailing: { } left } ended:
                            waiting.Add($"{ended.Incident.Subject.Describe()} ({ended.Incident.Problem}) still has {left.Describe()} failing");
                            break;
                        case { } ended:
                            resolved.Add($"{ended.Incident.Subject.Describe()} ({ended.Incident.Problem})");
                            break;
                        default:
                            break;
                    }
                }
            }
        }

        var what = $"{entry.Event.Reason} on {entry.Event.InvolvedObject.Kind} {entry.Event.InvolvedObject.QualifiedName}";
        var stillFailing = waiting.Count > 0 ? string.Join(", ", waiting.Distinct(StringComparer.Ordinal)) : null;
        return resolved.Count > 0
            ? PipelineOutcome.Alerted($"{what}: {string.Join(", ", resolved.Distinct(StringComparer.Ordinal))} recovered{(stillFailing is null ? "" : "; " + stillFailing)}")
            : PipelineOutcome.NoAlert($"{what}: {stillFailing ?? "a recovery signal that closes no open incident"}");
    }

    /// <summary>
    /// Closes the incident at <paramref name="version"/>: the outcome in its thread (or as a message of its own), the first
    /// message marked resolved, then the record. False when the record changed meanwhile (a new failure): nothing closes.
    /// </summary>
    public async Task<bool> ResolveAsync(Incident incident, string version, Receiver? receiver, DateTimeOffset at, string outcome, CancellationToken cancellationToken)
    {
        var closed = incident with { Thread = incident.Thread with { Resolved = true }, ResolvedAt = at, Fingerprint = null, StableSince = null, HeldEntry = null, Pending = null };
        if (incident.IsHeld)
        {
            LogHeldClosed(logger, incident.Subject, incident.Problem, outcome); // nothing of it is in Slack: it closes unseen
        }
        else if (receiver is null)
        {
            LogReceiverGone(logger, incident.Receiver, outcome);
        }
        else if (receiver.CanThread && incident.Thread is { Ts: { } ts, Channel: { } channel })
        {
            await receiver.Client.PostAsync(IncidentRenderer.Reply(receiver, incident, outcome), cancellationToken);
            await receiver.Client.UpdateAsync(channel, ts, IncidentRenderer.Resolved(closed, outcome), cancellationToken);
        }
        else
        {
            await notifier.NotifyAsync(receiver.Client, IncidentRenderer.Resolved(closed, outcome) with { Channel = receiver.Channel, Metadata = null }, cancellationToken);
        }

        return await store.TryWriteAsync(closed, version, cancellationToken);
    }

    /// <summary>
    /// Posts a held failure that outlasted its hold (the sweep found it still failing): the kept entry's alert, saying
    /// how long it has been failing, opens the thread. False when the record changed meanwhile.
    /// </summary>
    public async Task<bool> AlertHeldAsync(Incident incident, string version, Receiver? receiver, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var opened = incident with { HeldUntil = null, HeldEntry = null, RecheckAt = now };
        if (receiver is not null && HeldEntries.Restore(incident.HeldEntry) is { } entry)
        {
            var rule = rules.FirstOrDefault(rule => rule.Owns(incident));
            var posted = await notifier.NotifyAsync(receiver.Client, IncidentRenderer.Opened(new Alert(entry, []), receiver, opened, rule?.Wording ?? IncidentWording.Default, rule?.Detail(entry), now - incident.Thread.First), cancellationToken);
            if (posted.Ts is not null)
            {
                opened = opened with { Thread = opened.Thread with { Channel = posted.Channel ?? receiver.Channel, Ts = posted.Ts } };
            }
        }
        else
        {
            LogHeldLost(logger, incident.Subject, incident.Problem);
        }

        return await store.TryWriteAsync(opened, version, cancellationToken);
    }

    /// <summary>The problems a recovery event ends: the one it names, or (a rule's "every problem") the subject's open ones of that rule.</summary>
    private async Task<IReadOnlyList<string>> ProblemsEndedAsync(EventLogEntry entry, Receiver receiver, IIncidentRule rule, IncidentSubject subject, CancellationToken cancellationToken)
    {
        if (rule.ProblemOf(entry) is { } problem)
        {
            return [problem];
        }

        var open = await store.ListOpenOfAsync(receiver.Name, subject, cancellationToken);
        return open.Where(rule.Owns).Select(incident => incident.Problem).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The incident this recovery event closes, or, for a rule whose recoveries speak for one pod, the pods still failing
    /// once this one is counted as recovered (the incident stays open, nothing is posted); null when it touches nothing.
    /// </summary>
    private async Task<Ended?> RecoverAsync(EventLogEntry entry, Receiver receiver, IIncidentRule rule, string problem, IncidentSubject subject, CancellationToken cancellationToken)
    {
        var key = Incident.KeyFor(receiver.Name, problem, subject);
        using var held = await locks.LockAsync(key.Id, cancellationToken);
        var at = entry.Event.LastSeen;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (incident, version) = await store.ReadAsync(key, cancellationToken);
            if (incident is not { IsOpen: true } || at < incident.Thread.Last)
            {
                return null; // nothing open, or a signal older than the latest failure: it says nothing about now
            }

            if (rule.RecoversPerPod && incident.Pending?.Without(entry.Event.InvolvedObject.Name) is { AllRecovered: false } left)
            {
                if (await store.TryWriteAsync(incident with { Pending = left }, version!, cancellationToken))
                {
                    return new Ended(incident, left);
                }

                continue;
            }

            if (await ResolveAsync(incident, version!, receiver, at, rule.Wording.Recovered(incident, at, rule.RecoverySignal(entry)), cancellationToken))
            {
                return new Ended(incident, StillFailing: null);
            }
        }

        return null;
    }

    private async Task FailAsync(Alert alert, Receiver receiver, IIncidentRule rule, IncidentSubject subject, CancellationToken cancellationToken)
    {
        var problem = rule.ProblemOf(alert.Entry) ?? rule.Problem;
        var key = Incident.KeyFor(receiver.Name, problem, subject);
        using var held = await locks.LockAsync(key.Id, cancellationToken);
        var at = alert.Entry.Event.LastSeen;
        var hold = rule.Hold(alert.Entry) is { } wait && HeldEntries.Keep(alert.Entry) is { } kept ? new Hold(at + wait, kept) : null;
        SlackPostResult? posted = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (known, version) = await store.ReadAsync(key, cancellationToken);
            var next = Next(known, alert, receiver.Name, problem, subject, at, hold, rule.RecoversPerPod);
            if (posted is null && !next.IsHeld)
            {
                posted = await PostAsync(known, next, alert, receiver, at, rule.Wording, rule.Detail(alert.Entry), cancellationToken);
            }

            if (posted is not null && next.Thread.Ts is null && posted.Ts is not null)
            {
                next = next with { Thread = next.Thread with { Channel = posted.Channel ?? receiver.Channel, Ts = posted.Ts } };
            }

            if (await store.TryWriteAsync(next, version, cancellationToken))
            {
                if (next.HeldUntil is { } until && known is not { IsHeld: true, IsOpen: true })
                {
                    LogHeld(logger, subject, problem, until);
                }

                return;
            }
        }

        LogLostWrites(logger, key.Readable);
    }

    /// <summary>
    /// The incident after this failure: opened, joined or reopened; any failure restarts the stability clock. A held
    /// incident stays held while its failures are held too, and is posted by the first that is not; one that closed
    /// unseen is forgotten.
    /// </summary>
    private Incident Next(Incident? known, Alert alert, string receiver, string problem, IncidentSubject subject, DateTimeOffset at, Hold? hold, bool perPod)
    {
        var name = alert.Entry.Event.InvolvedObject.Name;
        var pending = perPod ? PendingPods.Of(name) : null;
        var node = alert.Entry.NodeName;
        if (known is null || (!known.IsOpen && (known.IsHeld || !IsWithinStability(known, at))))
        {
            var keyId = Incident.ThreadKey(problem, subject).Id;
            return new Incident(receiver, problem, subject, GroupState.Start(keyId, name, node, at), hold?.Until ?? at, HeldUntil: hold?.Until, HeldEntry: hold?.Entry, Pending: pending);
        }

        var stillHeld = known.IsHeld && hold is not null;
        return known with
        {
            HeldUntil = stillHeld ? known.HeldUntil : null,
            HeldEntry = stillHeld ? known.HeldEntry : null,
            Subject = known.Subject with { Revision = subject.Revision ?? known.Subject.Revision },
            Thread = known.Thread.Add(name, node, Later(known.Thread.Last, at)) with { Resolved = false },
            RecheckAt = stillHeld ? known.RecheckAt : at,
            ResolvedAt = null,
            Fingerprint = null,
            StableSince = null,
            Pending = known.IsOpen ? known.Pending?.Add(name) : pending,
        };
    }

    private bool IsWithinStability(Incident resolved, DateTimeOffset at) =>
        resolved.ResolvedAt is { } when && at - when <= options.Value.Stable;

    private async Task<SlackPostResult> PostAsync(Incident? known, Incident next, Alert alert, Receiver receiver, DateTimeOffset at, IncidentWording wording, string? detail, CancellationToken cancellationToken)
    {
        var threaded = receiver.CanThread && next.Thread is { Ts: not null, Channel: not null };
        if (known is null || next.Thread.Count == 1 || known.IsHeld)
        {
            var failingFor = known is { IsHeld: true, IsOpen: true } ? at - known.Thread.First : (TimeSpan?)null;
            return await notifier.NotifyAsync(receiver.Client, IncidentRenderer.Opened(alert, receiver, next, wording, detail, failingFor), cancellationToken);
        }

        if (!threaded)
        {
            return next.Thread.Count <= threads.Value.BurstThreshold || !known.IsOpen
                ? await notifier.NotifyAsync(receiver.Client, IncidentRenderer.Counted(alert, receiver, next, wording), cancellationToken)
                : SlackPostResult.Unknown;
        }

        if (!known.IsOpen)
        {
            await notifier.NotifyAsync(receiver.Client, IncidentRenderer.Reopened(alert, receiver, next, at - (known.ResolvedAt ?? at)), cancellationToken);
        }
        else if (next.Thread.Count <= threads.Value.BurstThreshold)
        {
            await notifier.NotifyAsync(receiver.Client, IncidentRenderer.Joined(alert, receiver, next, wording), cancellationToken);
        }

        await receiver.Client.UpdateAsync(next.Thread.Channel!, next.Thread.Ts!, IncidentRenderer.Parent(alert, next, wording), cancellationToken);
        return SlackPostResult.Unknown;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Subject}: its {Problem} is held until {Until:u}, and alerted then if the re-check finds it still failing")]
    private static partial void LogHeld(ILogger logger, IncidentSubject subject, string problem, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Subject}: its {Problem} ended within its hold and was never alerted ({Outcome})")]
    private static partial void LogHeldClosed(ILogger logger, IncidentSubject subject, string problem, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subject}: its {Problem} outlasted its hold, but its receiver is gone or its kept event unreadable; it stays open without an alert")]
    private static partial void LogHeldLost(ILogger logger, IncidentSubject subject, string problem);

    /// <summary>The incident a recovery event touched; <paramref name="StillFailing"/> when it stays open for those pods.</summary>
    private sealed record Ended(Incident Incident, PendingPods? StillFailing);

    /// <summary>A failure held until <paramref name="Until"/>, and the LogEntry kept to alert it then.</summary>
    private sealed record Hold(DateTimeOffset Until, string Entry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Incident} changed under this instance five times in a row; its Slack messages are posted, its record keeps the other writer's state")]
    private static partial void LogLostWrites(ILogger logger, string incident);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident of receiver {Receiver} closes without a Slack message: the routing configuration no longer names that receiver ({Outcome})")]
    private static partial void LogReceiverGone(ILogger logger, string receiver, string outcome);
}
