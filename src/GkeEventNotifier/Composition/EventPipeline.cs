using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Decoding;
using GkeEventNotifier.Stages.Dedup;
using GkeEventNotifier.Stages.Delivery.BlindSpots;
using GkeEventNotifier.Stages.Delivery.CronJobs;
using GkeEventNotifier.Stages.Delivery.Nodes;
using GkeEventNotifier.Stages.Delivery.Incidents;
using GkeEventNotifier.Stages.Delivery.Threads;
using GkeEventNotifier.Stages.Delivery;
using GkeEventNotifier.Stages.Enrichment;
using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Ingress;
using GkeEventNotifier.Stages.Pacing;
using GkeEventNotifier.Stages.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Composition;

/// <summary>
/// One Pub/Sub message through the stages: decode → filter → route (drop rules) → dedup → enrich → pace → deliver in
/// threads, per receiver. CronJob completions, a node's return to health and other recovery signals go to recovery
/// instead of alerting; a message with the attribute <c>gke-events-sweep=1</c> re-checks the open incidents instead.
/// Returns how the message ended; throws only what a retry can fix (see <see cref="DeliveryPolicy"/>).
/// </summary>
internal sealed partial class EventPipeline(
    IEventFilter filter,
    IEnumerable<IEventEnricher> enrichers,
    RoutingTable routing,
    EventDeduplicator deduplicator,
    RepeatUpdater repeats,
    AlertPacer pacer,
    AlertThreads threads,
    CronJobRecovery recovery,
    IOptions<OutcomeLogOptions> outcomeLog,
    BlindSpotNotices blindSpots,
    IncidentLifecycle incidents,
    IncidentSweep sweep,
    ILogger<EventPipeline> logger)
{
    private static readonly PipelineOutcome UndescribedDrop = PipelineOutcome.Filtered("an event the filter drops (described when its log line is written)");

    private readonly IEventEnricher[] enrichers = enrichers.ToArray();

    public async Task<PipelineOutcome> HandleAsync(PubSubMessage message, CancellationToken cancellationToken)
    {
        var outcome = await ProcessAsync(message, cancellationToken);
        Log(message.MessageId, outcome);
        return outcome;
    }

    private async Task<PipelineOutcome> ProcessAsync(PubSubMessage message, CancellationToken cancellationToken)
    {
        if (IncidentSweep.IsSweep(message.Attributes))
        {
            return await sweep.SweepAsync(cancellationToken);
        }

        EventLogEntry entry;
        using (var parsed = ParsedLogEntry.FromBase64(message.Data))
        {
            // Most events are dropped by the filter: those it can tell from one pass over the bytes never get a document.
            if (filter.DropsUnparsed(parsed))
            {
                await blindSpots.SawAsync(parsed.Cluster, parsed.Timestamp, cancellationToken);
                return Dropped(parsed);
            }

            switch (parsed.Final)
            {
                case null:
                    break;
                case DecodeResult.ExporterStarted started:
                    return await NoticeBlindSpotAsync(started, cancellationToken);
                case DecodeResult.NotAnEvent notAnEvent:
                    return PipelineOutcome.NotAnEvent($"insertId '{notAnEvent.InsertId}': {notAnEvent.Description}");
                case DecodeResult.Invalid invalid:
                    return PipelineOutcome.Poison(invalid.Reason);
                default:
                    return PipelineOutcome.Poison("unrecognised decode result");
            }

            // The filter decides on the parsed entry: one it drops is never decoded.
            await blindSpots.SawAsync(parsed.Cluster, parsed.Timestamp, cancellationToken);
            if (!filter.Matches(parsed.Root))
            {
                return Dropped(parsed);
            }

            entry = parsed.Decode().Entry;
        }

        var route = routing.Decide(entry.Raw);
        if (route.DroppedBy is { } rule)
        {
            return PipelineOutcome.Filtered($"{Describe(entry)}, dropped by rule '{rule}'");
        }

        if (CronJobCompletion.From(entry.Event) is { } completion)
        {
            return await recovery.RecoverAsync(entry, completion, route.Receivers, cancellationToken);
        }

        if (await incidents.TryRecoverAsync(entry, route.Receivers, cancellationToken) is { } recovered)
        {
            return recovered;
        }

        return await deduplicator.ClaimAsync(message.MessageId, entry, cancellationToken) switch
        {
            DedupDecision.New fresh => await AlertAsync(entry, fresh, route.Receivers, cancellationToken),
            DedupDecision.Repeat repeat => PipelineOutcome.Duplicate(
                $"{Describe(entry)}: seen {repeat.Occurrences} times, " +
                (await repeats.ShowRepeatAsync(repeat, token => AlertOfAsync(entry, repeat.Occurrences, token), cancellationToken) ? "alert updated" : "count shown on its next alert")),
            DedupDecision.Redelivery { InSummary: true } => PipelineOutcome.Summarised($"{Describe(entry)}: its alert went out in a burst summary"),
            DedupDecision.Redelivery => PipelineOutcome.Duplicate($"{Describe(entry)}: redelivery of a message already alerted"),
            _ => throw new InvalidOperationException("unknown dedup decision"),
        };
    }

    /// <summary>An event the filter drops: described only for its log line, which is off at the default level.</summary>
    private PipelineOutcome Dropped(ParsedLogEntry parsed) =>
        logger.IsEnabled(outcomeLog.Value.Routine) ? PipelineOutcome.Filtered(parsed.Describe()) : UndescribedDrop;

    /// <summary>The exporter restarted: filtered and routed like any entry, then at most one notice an hour per cluster.</summary>
    private async Task<PipelineOutcome> NoticeBlindSpotAsync(DecodeResult.ExporterStarted started, CancellationToken cancellationToken)
    {
        var what = $"exporter restart of {started.Cluster} (insertId '{started.InsertId}')";
        if (!filter.Matches(started.Raw))
        {
            return PipelineOutcome.Filtered(what);
        }

        var route = routing.Decide(started.Raw);
        return route.DroppedBy is { } rule
            ? PipelineOutcome.Filtered($"{what}, dropped by rule '{rule}'")
            : await blindSpots.NoticeAsync(started.Cluster, started.At, route.Receivers, cancellationToken);
    }

    /// <summary>
    /// The event counts as alerted only once Slack has it; a failure releases it so that the redelivery alerts. An alert
    /// deferred into a burst summary is settled when the summary is posted, and its request is answered 503 meanwhile.
    /// The first receiver's message is the one a repeat of the event updates. Each receiver's posts carry marks derived
    /// from the claim, so an instance that takes over a lapsed claim finds what the earlier one posted instead of posting
    /// it again (see <see cref="MarkingSlackClient"/>).
    /// </summary>
    private async Task<PipelineOutcome> AlertAsync(EventLogEntry entry, DedupDecision.New fresh, IReadOnlyList<Receiver> receivers, CancellationToken cancellationToken)
    {
        Alert alert;
        SlackPostResult? first = null;
        PaceOutcome.Deferred? deferred = null;
        try
        {
            alert = await AlertOfAsync(entry, fresh.Occurrences, cancellationToken);
            foreach (var receiver in receivers)
            {
                var marked = receiver with { Client = new MarkingSlackClient(receiver.Client, fresh.Claim.MarksFor(receiver.Name)) };
                var paced = await pacer.SendAsync(alert, receiver, token => DeliverAsync(alert, marked, token), cancellationToken);
                if (paced is PaceOutcome.Posted posted)
                {
                    first ??= posted.Post;
                }
                else
                {
                    deferred ??= (PaceOutcome.Deferred)paced;
                }
            }
        }
        catch
        {
            await deduplicator.ReleaseAsync(fresh.Claim, CancellationToken.None);
            throw;
        }

        if (deferred is not null)
        {
            _ = SettleAsync(deferred.Summary, fresh.Claim);
            throw new AlertDeferredException(deferred.Summary);
        }

        await deduplicator.ConfirmAsync(fresh.Claim, first ?? SlackPostResult.Unknown, inSummary: false, CancellationToken.None);
        return PipelineOutcome.Alerted(Describe(entry));
    }

    /// <summary>
    /// Runs detached, once the summary holding a deferred alert is posted or has failed (the batch logged that failure
    /// once). A state failure here is logged: it costs at most a second post of the alert when its message is redelivered.
    /// </summary>
    private async Task SettleAsync(Task<PacedDelivery> summary, LedgerClaim claim)
    {
        PacedDelivery delivery;
        try
        {
            delivery = await summary;
        }
#pragma warning disable CA1031 // The boundary of a detached task: the batch's failure was logged where it happened; here it only releases the claim.
        catch (Exception)
#pragma warning restore CA1031
        {
            await SettleQuietlyAsync(() => deduplicator.ReleaseAsync(claim, CancellationToken.None));
            return;
        }

        await SettleQuietlyAsync(() => deduplicator.ConfirmAsync(claim, delivery.IsSummary ? SlackPostResult.Unknown : delivery.Post, delivery.IsSummary, CancellationToken.None));
    }

    private async Task SettleQuietlyAsync(Func<Task> settle)
    {
        try
        {
            await settle();
        }
        catch (AlertStateUnavailableException e)
        {
            LogSettleFailed(logger, e.Message);
        }
    }

    private async Task<Alert> AlertOfAsync(EventLogEntry entry, int occurrences, CancellationToken cancellationToken) =>
        new(entry, await EnrichAsync(entry, cancellationToken)) { Occurrences = occurrences };

    private async Task<SlackPostResult> DeliverAsync(Alert alert, Receiver receiver, CancellationToken cancellationToken) =>
        await recovery.TryDeliverFailureAsync(alert, receiver, cancellationToken)
        || await incidents.TryDeliverFailureAsync(alert, receiver, cancellationToken)
            ? SlackPostResult.Unknown
            : await threads.DeliverAsync(alert, receiver, cancellationToken);

    private async Task<IReadOnlyList<Finding>> EnrichAsync(EventLogEntry entry, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        foreach (var enricher in enrichers)
        {
            if (enricher.AppliesTo(entry))
            {
                findings.AddRange(await enricher.EnrichAsync(entry, cancellationToken));
            }
        }

        return findings;
    }

    private static string Describe(EventLogEntry entry)
    {
        var involved = entry.Event.InvolvedObject;
        return $"{entry.Event.Reason} on {involved.Kind} {involved.QualifiedName} in {entry.Cluster}";
    }

    private void Log(string messageId, PipelineOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Poison:
                LogPoison(logger, messageId, outcome.Detail);
                break;
            case OutcomeKind.Alerted:
                LogAlerted(logger, messageId, outcome.Detail);
                break;
            case OutcomeKind.Summarised:
                LogSummarised(logger, messageId, outcome.Detail);
                break;
            default:
                LogHandled(logger, IsRoutine(outcome.Kind) ? outcomeLog.Value.Routine : LogLevel.Information, messageId, outcome.Kind, outcome.Detail);
                break;
        }
    }

    /// <summary>Outcomes nobody has to act on or look for: <see cref="OutcomeLogOptions"/> sets their level.</summary>
    private static bool IsRoutine(OutcomeKind kind) =>
        kind is OutcomeKind.Filtered or OutcomeKind.Duplicate or OutcomeKind.NotAnEvent or OutcomeKind.NoAlert;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alert state did not record a deferred alert's outcome ({Reason}); its redelivery may post it again")]
    private static partial void LogSettleFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} can never become an alert and is acknowledged: {Reason}")]
    private static partial void LogPoison(ILogger logger, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} alerted: {Event}")]
    private static partial void LogAlerted(ILogger logger, string messageId, string @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} alerted in a summary: {Event}")]
    private static partial void LogSummarised(ILogger logger, string messageId, string @event);

    [LoggerMessage(Message = "Message {MessageId} acknowledged ({Outcome}): {Detail}")]
    private static partial void LogHandled(ILogger logger, LogLevel level, string messageId, OutcomeKind outcome, string detail);
}
