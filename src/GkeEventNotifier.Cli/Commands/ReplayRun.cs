using GkeEventNotifier.Composition;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Delivery.Incidents;
using GkeEventNotifier.Stages.Ingress;
using GkeEventNotifier.Stages.Pacing;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>
/// Every entry through the pipeline on its own time, with the re-check of open incidents (the <c>gke-events-sweep=1</c>
/// message) every <see cref="SweepInterval"/> of the entries' time in between, as the Cloud Scheduler job would have
/// sent it; the last sweep is the last one before the last entry. Each entry ends with a reason, whatever happens to
/// the others: this loop is the CLI's boundary for one entry, so a failure of one (Slack down or refusing its payload,
/// or a bug met by that entry alone) is recorded with its reason and the run goes on.
/// </summary>
internal sealed class ReplayRun(EventPipeline pipeline, ReplayClock clock, CliConsole console)
{
    /// <summary>The Cloud Scheduler job's default period (terraform's <c>recovery_check_minutes</c>).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);

    private static readonly Dictionary<string, string> SweepAttributes = new() { [IncidentSweep.Attribute] = "1" };

    public async Task<ReplayTally> RunAsync(ReplayTimeline timeline, CancellationToken cancellationToken)
    {
        var tally = new ReplayTally();
        var summaries = new List<(int Number, Task Summary)>();
        DateTimeOffset? nextSweep = null;
        foreach (var (entry, time) in timeline.Entries)
        {
            if (!entry.IsValid)
            {
                tally.Reject(entry.Number, entry.Error!);
                continue;
            }

            if (time is { } eventTime)
            {
                for (nextSweep ??= eventTime + SweepInterval; nextSweep <= eventTime; nextSweep += SweepInterval)
                {
                    await SweepAsync(nextSweep.Value, cancellationToken);
                }

                clock.MoveTo(eventTime);
            }

            var message = PubSubMessage.Of($"entry-{entry.Number}", entry.Json.Span, new Dictionary<string, string>());
            try
            {
                tally.Count(entry.Number, await pipeline.HandleAsync(message, cancellationToken));
            }
            catch (AlertDeferredException deferred)
            {
                summaries.Add((entry.Number, deferred.Summary));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // The per-entry boundary: the failure is not swallowed but reported for this entry, and the run goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                await FailAsync(tally, entry.Number, Reason(e));
            }
        }

        foreach (var (number, summary) in summaries)
        {
            await SettleAsync(tally, number, summary);
        }

        return tally;
    }

    /// <summary>A sweep at <paramref name="at"/>: what it resolves is printed like any message; a failure is reported and the run goes on.</summary>
    private async Task SweepAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        clock.MoveTo(at);
        try
        {
            await pipeline.HandleAsync(new PubSubMessage($"sweep-{at:yyyyMMddHHmm}", null, SweepAttributes), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // As for an entry: the sweep's failure is reported with its reason, and the run goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"error: re-check at {at:yyyy-MM-dd HH:mm} UTC: {Reason(e)}");
        }
    }

    private async Task SettleAsync(ReplayTally tally, int number, Task summary)
    {
        try
        {
            await summary;
            tally.Count(number, PipelineOutcome.Summarised("alerted in a burst summary"));
        }
#pragma warning disable CA1031 // As above: a failed summary fails each of its entries, with the reason.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await FailAsync(tally, number, Reason(e));
        }
    }

    private async Task FailAsync(ReplayTally tally, int number, string reason)
    {
        tally.Fail(number, reason);
        await console.Error.WriteLineAsync($"error: entry {number}: {reason}");
    }

    /// <summary>Slack's own words for Slack failures; for anything else the message, never a stack trace.</summary>
    private static string Reason(Exception e) => e switch
    {
        SlackPayloadException payload => $"Slack refused the alert ('{payload.Error}')",
        SlackConfigurationException configuration => $"Slack refused setting {configuration.Setting} ('{configuration.Error}'): {configuration.Message}",
        SlackUnavailableException unavailable => $"Slack unavailable: {unavailable.Reason}",
        _ => $"internal error ({e.GetType().Name}): {e.Message}",
    };
}
