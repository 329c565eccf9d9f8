using GkeEventNotifier.Composition;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Ingress;
using GkeEventNotifier.Stages.Pacing;

namespace GkeEventNotifier.Cli.Commands;

/// <summary>
/// Every entry through the pipeline on its own time. Each entry ends with a reason, whatever happens to the others:
/// this loop is the CLI's boundary for one entry, so a failure of one (Slack down or refusing its payload, or a bug
/// met by that entry alone) is recorded with its reason and the run goes on.
/// </summary>
internal sealed class ReplayRun(EventPipeline pipeline, ReplayClock clock, CliConsole console)
{
    public async Task<ReplayTally> RunAsync(ReplayTimeline timeline, CancellationToken cancellationToken)
    {
        var tally = new ReplayTally();
        var summaries = new List<(int Number, Task Summary)>();
        foreach (var (entry, time) in timeline.Entries)
        {
            if (!entry.IsValid)
            {
                tally.Reject(entry.Number, entry.Error!);
                continue;
            }

            if (time is { } eventTime)
            {
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
