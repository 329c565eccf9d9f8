using System.Text.Json;
using GkeEventNotifier.Stages.Filtering;

namespace GkeEventNotifier.Stages.Routing;

/// <summary>
/// Drop rules first, then routes in file order. A matching route sends to its receiver and, unless it says
/// <c>continue: true</c> (fan-out), ends the search (first match). No matching route: the default receiver.
/// </summary>
public sealed record RoutingTable(IReadOnlyList<RoutingRule> Drops, IReadOnlyList<Route> Routes, Receiver Default)
{
    public static RoutingTable Everything(Receiver receiver) => new([], [], receiver);

    public RoutingDecision Decide(JsonElement logEntry)
    {
        if (Drops.FirstOrDefault(drop => drop.Matcher.Matches(logEntry)) is { } dropped)
        {
            return new RoutingDecision([], dropped.Name);
        }

        var receivers = new List<Receiver>();
        var matched = new List<string>();
        foreach (var route in Routes)
        {
            if (!route.Rule.Matcher.Matches(logEntry))
            {
                continue;
            }

            matched.Add(route.Rule.Name);
            if (!receivers.Contains(route.Receiver))
            {
                receivers.Add(route.Receiver);
            }

            if (!route.Continue)
            {
                break;
            }
        }

        return new RoutingDecision(receivers.Count == 0 ? [Default] : receivers, null) { MatchedRoutes = matched };
    }
}

/// <summary>A named Cloud Logging query (the filter's language, compiled once).</summary>
public sealed record RoutingRule(string Name, IEventFilter Matcher);

/// <summary>A rule and where its entries go; <see cref="Continue"/> true lets later routes match too (fan-out).</summary>
public sealed record Route(RoutingRule Rule, Receiver Receiver, bool Continue);

/// <summary>
/// The receivers of one entry, or none and the drop rule that took it; <see cref="MatchedRoutes"/> says why (the
/// routes that matched, in file order; none: the default receiver).
/// </summary>
public sealed record RoutingDecision(IReadOnlyList<Receiver> Receivers, string? DroppedBy)
{
    public IReadOnlyList<string> MatchedRoutes { get; init; } = [];
}
