using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>
/// Delivers an alert to a receiver as part of its group (same cluster, namespace, workload and reason within the
/// window): the first alert opens a thread; the next ones reply in it and rewrite the first message with a counter;
/// beyond the burst threshold they are no longer posted one by one, only counted in the first message, after one
/// reply that says so. Webhooks and the console have no threads: each alert there carries the group's counter, and
/// beyond the threshold a summary goes out at threshold+1, 2×, 4×, 8× … the threshold. Their groups are kept in the
/// shared alert state (<see cref="SharedGroups"/>), bot receivers' in Slack itself (<see cref="GroupStore"/>).
/// </summary>
internal sealed partial class AlertThreads(
    GroupStore store,
    SharedGroups sharedGroups,
    IWorkloadResolver workloads,
    SlackNotifier notifier,
    IOptions<ThreadOptions> options,
    TimeProvider time,
    ILogger<AlertThreads> logger)
{
    private static readonly HashSet<string> ThreadGone = new(StringComparer.Ordinal) { "thread_not_found", "message_not_found", "cant_update_message", "edit_window_closed" };

    private TimeSpan Window => options.Value.Window;

    private int Threshold => options.Value.BurstThreshold;

    /// <summary>Delivers the alert into its group; returns the message posted for this alert alone (none when it only updated the group).</summary>
    public async Task<SlackPostResult> DeliverAsync(Alert alert, Receiver receiver, CancellationToken cancellationToken)
    {
        var key = GroupKey.For(alert, workloads);
        var slot = $"{receiver.Name}\n{key.Id}";
        using var held = await store.LockAsync(slot, cancellationToken);
        var now = time.GetUtcNow();
        if (!receiver.CanThread && Window > TimeSpan.Zero)
        {
            return await DeliverCountedAsync(alert, receiver, key, now, cancellationToken);
        }

        var open = Window > TimeSpan.Zero ? await store.FindOpenAsync(receiver, slot, key.Id, now, Window, cancellationToken) : null;
        if (open is null)
        {
            return await StartAsync(alert, receiver, key, slot, now, cancellationToken);
        }

        var state = open.Add(alert.Entry.Event.InvolvedObject.Name, alert.Entry.NodeName, now);
        SlackPostResult posted;
        if (receiver.CanThread && state.Ts is not null && state.Channel is not null)
        {
            var (continued, reply) = await ContinueThreadAsync(alert, receiver, key, slot, state, cancellationToken);
            if (!continued)
            {
                return reply;
            }

            posted = reply;
            if (IsFirstMessage(posted, state))
            {
                store.Remember(slot, open, now, Window);
                return posted;
            }
        }
        else
        {
            posted = await ContinueCountedAsync(alert, receiver, key, state, cancellationToken);
        }

        store.Remember(slot, state, now, Window);
        return posted;
    }

    /// <summary>A receiver without threads: the alert takes its turn in the shared group, then is posted with the group's counter.</summary>
    private async Task<SlackPostResult> DeliverCountedAsync(Alert alert, Receiver receiver, GroupKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var turn = await sharedGroups.TakeTurnAsync(receiver, key, alert.Entry.Event.InvolvedObject.Name, alert.Entry.NodeName, now, Window, cancellationToken);
        try
        {
            return turn.Started
                ? await notifier.NotifyAsync(receiver.Client, GroupRenderer.First(alert, receiver, turn.State), cancellationToken)
                : await ContinueCountedAsync(alert, receiver, key, turn.State, cancellationToken);
        }
        catch (Exception e) when (e is SlackUnavailableException or SlackPayloadException or SlackConfigurationException or OperationCanceledException)
        {
            await sharedGroups.GiveBackAsync(turn, time.GetUtcNow(), CancellationToken.None);
            throw;
        }
    }

    private async Task<SlackPostResult> StartAsync(Alert alert, Receiver receiver, GroupKey key, string slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = GroupState.Start(key.Id, alert.Entry.Event.InvolvedObject.Name, alert.Entry.NodeName, now);
        var posted = await notifier.NotifyAsync(receiver.Client, GroupRenderer.First(alert, receiver, state), cancellationToken);
        store.Remember(slot, state with { Channel = posted.Channel ?? receiver.Channel, Ts = posted.Ts }, now, Window);
        return posted;
    }

    /// <summary>Continued false when the thread was gone and a new group was started instead; Posted is this alert's own message.</summary>
    private async Task<(bool Continued, SlackPostResult Posted)> ContinueThreadAsync(Alert alert, Receiver receiver, GroupKey key, string slot, GroupState state, CancellationToken cancellationToken)
    {
        try
        {
            var posted = SlackPostResult.Unknown;
            if (state.Count <= Threshold)
            {
                posted = await notifier.NotifyAsync(receiver.Client, GroupRenderer.Reply(alert, receiver, state), cancellationToken);
                if (IsFirstMessage(posted, state))
                {
                    return (true, posted);
                }
            }
            else if (state.Count == Threshold + 1)
            {
                await PostBurstNoticeAsync(receiver, GroupRenderer.BurstNotice(alert, receiver, key, state, Threshold), cancellationToken);
            }

            await UpdateFirstAsync(receiver, state, GroupRenderer.Parent(alert, key, state), cancellationToken);
            return (true, posted);
        }
        catch (SlackPayloadException e) when (ThreadGone.Contains(e.Error))
        {
            // Someone deleted the first message (or it can no longer be edited): a new group, not a lost alert.
            LogThreadGone(logger, key.Id, e.Error);
            store.Forget(slot);
            return (false, await StartAsync(alert, receiver, key, slot, state.Last, cancellationToken));
        }
    }

    /// <summary>
    /// The reply was found already in Slack as the group's first message: an earlier attempt at this alert (an instance
    /// that died before confirming it) opened the group with it, so it is counted there already.
    /// </summary>
    private static bool IsFirstMessage(SlackPostResult posted, GroupState state) =>
        posted.Ts is not null && string.Equals(posted.Ts, state.Ts, StringComparison.Ordinal);

    /// <summary>The notice only explains the silence; the alert itself is counted in the first message, so a refusal ends here.</summary>
    private async Task PostBurstNoticeAsync(Receiver receiver, SlackMessage notice, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.NotifyAsync(receiver.Client, notice, cancellationToken);
        }
        catch (SlackPayloadException e) when (!ThreadGone.Contains(e.Error))
        {
            LogNoticeRefused(logger, e.Error);
        }
    }

    private async Task UpdateFirstAsync(Receiver receiver, GroupState state, SlackMessage parent, CancellationToken cancellationToken)
    {
        try
        {
            await receiver.Client.UpdateAsync(state.Channel!, state.Ts!, parent, cancellationToken);
        }
        catch (SlackPayloadException e) when (!ThreadGone.Contains(e.Error))
        {
            LogPlainUpdate(logger, e.Error);
            await receiver.Client.UpdateAsync(state.Channel!, state.Ts!, parent.AsPlainText(), cancellationToken);
        }
    }

    private async Task<SlackPostResult> ContinueCountedAsync(Alert alert, Receiver receiver, GroupKey key, GroupState state, CancellationToken cancellationToken) =>
        state.Count <= Threshold || IsSummaryPoint(state.Count)
            ? await notifier.NotifyAsync(receiver.Client, GroupRenderer.Counted(alert, key, state) with { Channel = receiver.Channel }, cancellationToken)
            : SlackPostResult.Unknown;

    /// <summary>threshold+1, then 2×, 4×, 8× … the threshold: a burst is always visible, never a flood.</summary>
    private bool IsSummaryPoint(int count)
    {
        if (count == Threshold + 1)
        {
            return true;
        }

        var multiple = count / Threshold;
        return count % Threshold == 0 && multiple >= 2 && (multiple & (multiple - 1)) == 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The first message of group {Group} is gone ({Error}); starting a new thread")]
    private static partial void LogThreadGone(ILogger logger, string group, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack refused the burst notice even as plain text ('{Error}'); the alerts are still counted in the first message")]
    private static partial void LogNoticeRefused(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused the updated first message ({Error}); updating it as plain text")]
    private static partial void LogPlainUpdate(ILogger logger, string error);
}
