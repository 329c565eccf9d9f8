using System.Globalization;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Stages.Delivery.Threads;

/// <summary>
/// One open group of alerts: where its thread is (none for webhooks and the console), how many alerts it has seen,
/// when, and the first few object names. Written into the first message's metadata on every change, so that another
/// instance or a cold start reads the same state back from Slack.
/// </summary>
public sealed record GroupState(
    string KeyId,
    string? Channel,
    string? Ts,
    int Count,
    DateTimeOffset First,
    DateTimeOffset Last,
    IReadOnlyList<string> Names,
    string? Node,
    bool Resolved = false)
{
    public const string EventType = "gke_event_alert_group";

    /// <summary>The last millisecond a <see cref="DateTimeOffset"/> holds: metadata beyond it is not a time this app wrote.</summary>
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>How many object names a summary lists.</summary>
    public const int MaxNames = 5;

    /// <summary>Longest object or node name kept: Kubernetes allows 253 characters, event text may hold anything.</summary>
    public const int MaxNameLength = 253;

    /// <summary>How many distinct objects a group tells apart; beyond that it says "100+".</summary>
    public const int MaxObjects = 100;

    /// <summary>
    /// A short hash of each distinct object the group has seen (up to <see cref="MaxObjects"/>), so that the header
    /// counts pods, not events: one pod's three pull failures are "1 pod", with "3 events" beside it.
    /// </summary>
    public IReadOnlyList<string> ObjectIds { get; init; } = [];

    /// <summary>Distinct objects seen (a state written before objects were counted knows only its names).</summary>
    public int Objects => Math.Max(ObjectIds.Count, Names.Count);

    /// <summary>Whether more objects may have been seen than <see cref="Objects"/> tells.</summary>
    public bool ObjectsCapped => ObjectIds.Count >= MaxObjects;

    public static GroupState Start(string keyId, string name, string? node, DateTimeOffset now) =>
        new(keyId, null, null, 1, now, now, [Cut(name)], Cut(node)) { ObjectIds = [ObjectId(name)] };

    public GroupState Add(string name, string? node, DateTimeOffset now) => this with
    {
        Count = Count + 1,
        Last = now,
        Names = Names.Contains(Cut(name)) || Names.Count >= MaxNames ? Names : [.. Names, Cut(name)],
        Node = string.Equals(Node, Cut(node), StringComparison.Ordinal) ? Node : null,
        ObjectIds = ObjectIds.Contains(ObjectId(name)) || ObjectsCapped ? ObjectIds : [.. ObjectIds, ObjectId(name)],
    };

    /// <summary>An object's short id: the first 4 bytes of its name's SHA-256, as 8 hex digits.</summary>
    internal static string ObjectId(string name) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)).AsSpan(0, 4));

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(name))]
    private static string? Cut(string? name) => name is null || name.Length <= MaxNameLength ? name : name[..MaxNameLength];

    public bool IsOpenAt(DateTimeOffset now, TimeSpan window) => !Resolved && now - Last <= window;

    public SlackMetadata ToMetadata() => new(EventType, new Dictionary<string, string>
    {
        ["key"] = KeyId,
        ["count"] = Count.ToString(CultureInfo.InvariantCulture),
        ["first"] = First.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        ["last"] = Last.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        ["names"] = string.Join(',', Names),
        ["node"] = Node ?? "",
        ["resolved"] = Resolved ? "true" : "false",
        ["objects"] = string.Join(',', ObjectIds),
    });

    /// <summary>The state a message carries, or null when its metadata is not a group of ours or is unreadable.</summary>
    public static GroupState? FromMessage(string channel, SlackHistoryMessage message)
    {
        if (message.Metadata is not { EventType: EventType, EventPayload: var p }
            || !p.TryGetValue("key", out var key)
            || !TryInt(p, "count", out var count)
            || !TryTime(p, "first", out var first)
            || !TryTime(p, "last", out var last))
        {
            return null;
        }

        var names = p.TryGetValue("names", out var n) && n.Length > 0 ? n.Split(',', MaxNames + 1).Take(MaxNames).ToArray() : [];
        var node = p.TryGetValue("node", out var nd) && nd.Length > 0 ? nd : null;
        var resolved = p.TryGetValue("resolved", out var r) && r == "true";
        return new GroupState(key, channel, message.Ts, count, first, last, names, node, resolved) { ObjectIds = ObjectIdsOf(p, names) };
    }

    /// <summary>The hashes written, each 8 hex digits, at most <see cref="MaxObjects"/>; else the names' own.</summary>
    private static string[] ObjectIdsOf(IReadOnlyDictionary<string, string> p, IReadOnlyList<string> names)
    {
        if (!p.TryGetValue("objects", out var text) || text.Length == 0)
        {
            return [.. names.Select(ObjectId)];
        }

        var ids = text.Split(',', MaxObjects + 1).Take(MaxObjects).ToArray();
        return ids.All(id => id.Length == 8 && id.All(char.IsAsciiHexDigitLower)) ? ids : [.. names.Select(ObjectId)];
    }

    private static bool TryInt(IReadOnlyDictionary<string, string> p, string name, out int value)
    {
        value = 0;
        return p.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryTime(IReadOnlyDictionary<string, string> p, string name, out DateTimeOffset value)
    {
        value = default;
        if (!p.TryGetValue(name, out var text)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || ms > MaxUnixMilliseconds)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }
}
