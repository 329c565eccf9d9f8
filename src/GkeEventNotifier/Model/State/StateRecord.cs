using System.Collections.Immutable;

namespace GkeEventNotifier.Model.State;

/// <summary>
/// One record of alert state: named fields of a few plain types (text, whole number, flag, time, list of text) and the
/// time it expires. Stores keep the fields as they are (Firestore: one typed field each), so the schema in
/// docs/alert-state.md is what a person sees in the console. Times are kept to the microsecond, as Firestore does.
/// </summary>
internal sealed record StateRecord
{
    private StateRecord(DateTimeOffset expireAt, ImmutableDictionary<string, object> fields)
    {
        ExpireAt = Microseconds(expireAt);
        Fields = fields;
    }

    /// <summary>From this moment the record reads as absent; Firestore's TTL policy deletes it some time later.</summary>
    public DateTimeOffset ExpireAt { get; }

    /// <summary>Values are <see cref="string"/>, <see cref="long"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/> or a list of strings.</summary>
    public ImmutableDictionary<string, object> Fields { get; }

    public static StateRecord Expiring(DateTimeOffset expireAt) => new(expireAt, ImmutableDictionary<string, object>.Empty.WithComparers(StringComparer.Ordinal));

    public StateRecord With(string name, string? value) => value is null ? Without(name) : new(ExpireAt, Fields.SetItem(name, value));

    public StateRecord With(string name, long value) => new(ExpireAt, Fields.SetItem(name, value));

    public StateRecord With(string name, bool value) => new(ExpireAt, Fields.SetItem(name, value));

    public StateRecord With(string name, DateTimeOffset value) => new(ExpireAt, Fields.SetItem(name, Microseconds(value)));

    /// <summary>The time, or no field at all when there is none.</summary>
    public StateRecord WithTime(string name, DateTimeOffset? value) => value is { } time ? With(name, time) : Without(name);

    public StateRecord With(string name, IEnumerable<string> values) => new(ExpireAt, Fields.SetItem(name, values.ToImmutableArray()));

    public StateRecord ExpiringAt(DateTimeOffset expireAt) => new(expireAt, Fields);

    public string? Text(string name) => Fields.GetValueOrDefault(name) as string;

    public long Number(string name) => Fields.GetValueOrDefault(name) is long value ? value : 0;

    public bool Flag(string name) => Fields.GetValueOrDefault(name) is true;

    public DateTimeOffset? Time(string name) => Fields.GetValueOrDefault(name) is DateTimeOffset value ? value : null;

    public ImmutableArray<string> List(string name) => Fields.GetValueOrDefault(name) is ImmutableArray<string> values ? values : [];

    public bool Equals(StateRecord? other) =>
        other is not null
        && ExpireAt == other.ExpireAt
        && Fields.Count == other.Fields.Count
        && Fields.All(field => other.Fields.TryGetValue(field.Key, out var value) && Same(field.Value, value));

    public override int GetHashCode() => HashCode.Combine(ExpireAt, Fields.Count);

    private StateRecord Without(string name) => new(ExpireAt, Fields.Remove(name));

    private static bool Same(object left, object right) =>
        left is ImmutableArray<string> a && right is ImmutableArray<string> b ? a.SequenceEqual(b, StringComparer.Ordinal) : left.Equals(right);

    private static DateTimeOffset Microseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
