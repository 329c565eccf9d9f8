using GkeEventNotifier.Model.State;

namespace GkeEventNotifier.Tests.AlertState;

/// <summary>
/// What every alert-state store promises, run against each one (memory here, Firestore against its emulator):
/// conditional writes only, expired records absent, fields kept as written, and one winner among concurrent writers.
/// </summary>
public abstract class AlertStateStoreContract
{
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddHours(1);

    private protected abstract IAlertStateStore Store { get; }

    /// <summary>Keys unique to one test run: the Firestore emulator keeps documents between tests.</summary>
    private static RecordKey Key(string name) => RecordKey.For("contract", $"{name}/{Guid.NewGuid():N}");

    [SkippableFact]
    public async Task CreateWhereARecordLives_Loses()
    {
        var key = Key("create");
        Assert.NotNull(await Store.TryCreateAsync(key, Record("first"), default));

        Assert.Null(await Store.TryCreateAsync(key, Record("second"), default));
        Assert.Equal("first", (await Store.ReadAsync(key, default))!.Record.Text("owner"));
    }

    [SkippableFact]
    public async Task ReplaceOfAVersionThatChanged_Loses()
    {
        var key = Key("replace");
        var first = (await Store.TryCreateAsync(key, Record("first"), default))!;
        var second = await Store.TryReplaceAsync(key, Record("second"), first, default);

        Assert.NotNull(second);
        Assert.Null(await Store.TryReplaceAsync(key, Record("stale"), first, default));
        Assert.Equal("second", (await Store.ReadAsync(key, default))!.Record.Text("owner"));
    }

    [SkippableFact]
    public async Task ReplaceOfARecordThatDoesNotExist_Loses()
    {
        var key = Key("missing");
        var other = Key("other");
        var version = (await Store.TryCreateAsync(other, Record("x"), default))!;

        Assert.Null(await Store.TryReplaceAsync(key, Record("y"), version, default));
        Assert.Null(await Store.ReadAsync(key, default));
    }

    [SkippableFact]
    public async Task List_FindsLiveRecordsWithTheFieldValue_AndNoOthers()
    {
        var collection = $"list{Guid.NewGuid():N}";
        var open = RecordKey.For(collection, "open");
        Assert.NotNull(await Store.TryCreateAsync(open, Record("a").With("state", "open").With("key", "open"), default));
        Assert.NotNull(await Store.TryCreateAsync(RecordKey.For(collection, "resolved"), Record("b").With("state", "resolved"), default));
        Assert.NotNull(await Store.TryCreateAsync(RecordKey.For(collection, "expired"), Record("c", DateTimeOffset.UtcNow.AddSeconds(-1)).With("state", "open"), default));

        var listed = Assert.Single(await Store.ListAsync(collection, "state", "open", 10, default));

        Assert.Equal(open.Id, listed.Key.Id);
        Assert.Equal("a", listed.Stored.Record.Text("owner"));
        Assert.NotNull(await Store.TryReplaceAsync(open, listed.Stored.Record.With("state", "resolved"), listed.Stored.Version, default));
        Assert.Empty(await Store.ListAsync(collection, "state", "open", 10, default));
    }

    [SkippableFact]
    public async Task ExpiredRecord_ReadsAsAbsent_AndCanBeCreatedAgain()
    {
        var key = Key("expired");
        Assert.NotNull(await Store.TryCreateAsync(key, Record("old", DateTimeOffset.UtcNow.AddSeconds(-1)), default));

        Assert.Null(await Store.ReadAsync(key, default));
        Assert.NotNull(await Store.TryCreateAsync(key, Record("new"), default));
        Assert.Equal("new", (await Store.ReadAsync(key, default))!.Record.Text("owner"));
    }

    [SkippableFact]
    public async Task EveryFieldType_ReadsBackAsWritten()
    {
        var key = Key("fields");
        var record = Record("owner-1")
            .With("count", 41L)
            .With("flag", true)
            .With("at", new DateTimeOffset(2026, 11, 20, 9, 14, 3, 123, TimeSpan.Zero).AddTicks(4567))
            .With("messages", ["a1", "b2"])
            .With("empty", Array.Empty<string>());
        await Store.TryCreateAsync(key, record, default);

        Assert.Equal(record, (await Store.ReadAsync(key, default))!.Record);
    }

    [SkippableFact]
    public async Task TwoWritersCreatingOneRecordAtTheSameInstant_ExactlyOneWins_ManyTimes()
    {
        for (var round = 0; round < 40; round++)
        {
            var key = Key("race");
            using var start = new ManualResetEventSlim();
            var writers = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await Store.TryCreateAsync(key, Record($"writer-{i}"), default);
            })).ToArray();
            start.Set();
            var results = await Task.WhenAll(writers);

            Assert.Single(results, version => version is not null);
        }
    }

    [SkippableFact]
    public async Task TwoWritersReplacingOneVersion_ExactlyOneWins_ManyTimes()
    {
        var key = Key("replace-race");
        var version = (await Store.TryCreateAsync(key, Record("start"), default))!;
        for (var round = 0; round < 40; round++)
        {
            using var start = new ManualResetEventSlim();
            var current = version;
            var writers = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await Store.TryReplaceAsync(key, Record($"writer-{i}").With("round", round), current, default);
            })).ToArray();
            start.Set();
            var results = await Task.WhenAll(writers);

            version = Assert.Single(results, v => v is not null)!;
        }
    }

    private static StateRecord Record(string owner, DateTimeOffset? expireAt = null) =>
        StateRecord.Expiring(expireAt ?? Later).With("owner", owner);
}
