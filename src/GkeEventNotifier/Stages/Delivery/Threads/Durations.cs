using System.Globalization;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>Durations as people say them in a chat: "2 min", "5 h 10 min", "3 d 4 h".</summary>
public static class Durations
{
    public static string Say(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return "under 1 min";
        }

        var days = (int)duration.TotalDays;
        var parts = days > 0
            ? new[] { (days, "d"), (duration.Hours, "h") }
            : [((int)duration.TotalHours, "h"), (duration.Minutes, "min")];
        return string.Join(' ', parts.Where(p => p.Item1 > 0).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Item1} {p.Item2}")));
    }
}
