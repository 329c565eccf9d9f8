using System.Text.RegularExpressions;
using GkeEventNotifier.Model;

namespace GkeEventNotifier.Stages.Delivery.CronJobs;

/// <summary>
/// The CronJob controller's <c>SawCompletedJob</c> event ("Saw completed job: NAME, status: Complete" or
/// "…, status: Failed"), on the CronJob: the only event that says a run succeeded.
/// </summary>
public sealed partial record CronJobCompletion(string CronJob, string Job, bool Succeeded)
{
    public static CronJobCompletion? From(KubernetesEvent e)
    {
        if (e.Reason != "SawCompletedJob" || e.InvolvedObject.Kind != "CronJob" || Pattern().Match(e.Message) is not { Success: true } m)
        {
            return null;
        }

        return new CronJobCompletion(e.InvolvedObject.Name, m.Groups["job"].Value, m.Groups["status"].Value == "Complete");
    }

    [GeneratedRegex(@"^Saw completed job: (?<job>[^,\s]+), status: (?<status>\w+)")]
    private static partial Regex Pattern();
}
