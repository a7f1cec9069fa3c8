using EVoting.Chain;
using EVoting.Validator.Storage;
using Xunit;

namespace EVoting.Tests.Validator.Unit;

/// <summary>Equivocation evidence is stored once per validator and slot, newest first, and survives a restart.</summary>
public sealed class EvidenceStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "evoting-evidence-" + Guid.NewGuid().ToString("n")[..8]);

    [Fact]
    public void Evidence_is_kept_once_per_slot_newest_first_across_a_restart()
    {
        var who = EthKey.Generate();
        var first = new StoredEvidence(who.Address, 5, 0, "prevote", "a", "b", who.Sign(Keccak.Hash32("a"u8)).ToString(), who.Sign(Keccak.Hash32("b"u8)).ToString(), 1000);
        var later = first with { Height = 6, RecordedMs = 2000 };
        using (var store = new ChainStore(_dir))
        {
            Assert.True(store.SaveEvidence(first));
            Assert.False(store.SaveEvidence(first with { SecondValue = "c" })); // the same slot: the first record stands
            Assert.True(store.SaveEvidence(later));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var reopened = new ChainStore(_dir))
        {
            Assert.Equal([later, first], reopened.LoadEvidence(10));
            Assert.Equal([later], reopened.LoadEvidence(1));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
