using System.Net;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Model;
using GkeEventNotifier.Stages.Dedup;
using GkeEventNotifier.Stages.Pacing;

namespace GkeEventNotifier.Composition;

/// <summary>
/// The ack/retry policy, written once. Pub/Sub redelivers on any status but 2xx (102, 200, 201, 202, 204), so:
/// <list type="bullet">
/// <item>2xx once a message is handled: alerted (alone or in a burst summary), filtered out, not an event, a duplicate
/// of an event whose alert already reached Slack, permanently undecodable, or refused by Slack even as plain text
/// (poison: logged at ERROR with its message id and the reason, because redelivering it forever helps nobody);</item>
/// <item>400 for a request that is not an event at all, 413 for one over the size limit (nothing to retry either way,
/// but the sender must see that it is wrong);</item>
/// <item>503 for what a retry can fix: Slack unavailable, or Slack refusing a setting (logged at CRITICAL naming the
/// variable) — the message stays in Pub/Sub until someone fixes the setting, instead of being lost;</item>
/// <item>503 also for an alert deferred into a burst summary: Pub/Sub keeps the message until the summary is in Slack,
/// and the redelivery is then acknowledged (2xx) as already alerted;</item>
/// <item>503 also while another instance holds the claim on the same event, or while the shared alert state fails:
/// the redelivery finds the event settled.</item>
/// </list>
/// Anything unexpected propagates and becomes 500: also retried.
/// </summary>
public static class DeliveryPolicy
{
    /// <summary>Every <see cref="PipelineOutcome"/> is a handled message.</summary>
    public const HttpStatusCode Handled = HttpStatusCode.OK;

    public const HttpStatusCode NotAnEventRequest = HttpStatusCode.BadRequest;

    public const HttpStatusCode OversizedRequest = HttpStatusCode.RequestEntityTooLarge;

    public const HttpStatusCode RetryLater = HttpStatusCode.ServiceUnavailable;

    public static bool IsRetryable(Exception exception) =>
        exception is SlackUnavailableException or SlackConfigurationException or AlertDeferredException
            or EventInFlightException or AlertStateUnavailableException;
}
