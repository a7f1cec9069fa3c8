using EVoting.Chain;

namespace EVoting.Tests.Chain;

/// <summary>
/// The chain's indexes keep compact keys (32 bytes) instead of the hashes and nullifier strings themselves, on the
/// heap or in SQLite (a file, or a temporary database); these check that every lookup of either answers exactly as a set of the originals would.
/// </summary>
public sealed class ChainStateIndexTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "evoting-index-" + Guid.NewGuid().ToString("n")[..8]);
    private readonly List<IDisposable> _indexes = [];

    public static TheoryData<string> Kinds => ["memory", "sqlite", "temporary"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Applied_votes_are_found_by_nullifier_ballot_hash_and_transaction_hash_and_nothing_else_is(string kind)
    {
        var chain = new TestChain(index: Index(kind));
        var open = chain.Open(1);
        var votes = Enumerable.Range(0, 200).Select(v => chain.Vote(1, v)).ToArray();
        chain.State.Apply(chain.Propose([open, .. votes]));

        for (var v = 0; v < votes.Length; v++)
        {
            Assert.True(chain.State.HasNullifier(1, TestChain.Nullifier(v)));
            Assert.True(chain.State.HasBallotHash(1, votes[v].BallotHash));
            Assert.True(chain.State.TryGetLocation(votes[v].Hash, out var location));
            Assert.Equal(new TxLocation(1, v + 1), location);
        }
        Assert.True(chain.State.HasTransaction(open.Hash));
        Assert.True(chain.State.TryGetLocation(open.Hash, out var openAt));
        Assert.Equal(new TxLocation(1, 0), openAt);
        Assert.Equal(201, chain.State.TransactionCount);

        var unseen = chain.Vote(1, 999);
        Assert.False(chain.State.HasNullifier(1, TestChain.Nullifier(999)));
        Assert.False(chain.State.HasBallotHash(1, unseen.BallotHash));
        Assert.False(chain.State.HasTransaction(unseen.Hash));
        Assert.False(chain.State.TryGetLocation(unseen.Hash, out _));
        // Per election: the same nullifier and ballot hash in another election are not used.
        Assert.False(chain.State.HasNullifier(2, TestChain.Nullifier(0)));
        Assert.False(chain.State.HasBallotHash(2, votes[0].BallotHash));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Election_ids_beyond_a_signed_64_bit_integer_are_kept_apart(string kind)
    {
        var chain = new TestChain(index: Index(kind));
        const ulong high = ulong.MaxValue;
        var vote = chain.Vote(high, 0);
        chain.State.Apply(chain.Propose([chain.Open(high), vote]));

        Assert.True(chain.State.HasNullifier(high, TestChain.Nullifier(0)));
        Assert.True(chain.State.HasBallotHash(high, vote.BallotHash));
        Assert.False(chain.State.HasNullifier(high - 1, TestChain.Nullifier(0)));
        Assert.False(chain.State.HasNullifier(1, TestChain.Nullifier(0)));
    }

    [Theory]
    [InlineData("memory", "")]
    [InlineData("memory", "anon-")]
    [InlineData("memory", "voter-1")]
    [InlineData("sqlite", "")]
    [InlineData("sqlite", "anon-")]
    [InlineData("sqlite", "voter-1")]
    [InlineData("temporary", "voter-1")]
    public void A_malformed_voter_id_is_not_mistaken_for_a_used_nullifier(string kind, string voterId)
    {
        var chain = new TestChain(index: Index(kind));
        chain.State.Apply(chain.Propose([chain.Open(1), chain.Vote(1, 0)]));

        Assert.False(chain.State.HasNullifier(1, voterId));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_upper_case_spelling_of_a_used_nullifier_is_not_the_same_voter_id(string kind)
    {
        var chain = new TestChain(index: Index(kind));
        chain.State.Apply(chain.Propose([chain.Open(1), chain.Vote(1, 0)]));
        var upper = "anon-" + TestChain.Nullifier(0)["anon-".Length..].ToUpperInvariant();

        Assert.False(chain.State.HasNullifier(1, upper));
    }

    private IChainIndex Index(string kind)
    {
        if (kind == "memory")
            return new InMemoryChainIndex();
        Directory.CreateDirectory(_dir);
        var index = kind == "temporary" ? SqliteChainIndex.Temporary() : new SqliteChainIndex(Path.Combine(_dir, $"index-{_indexes.Count}.db"));
        _indexes.Add(index);
        return index;
    }

    public void Dispose()
    {
        foreach (var index in _indexes)
            index.Dispose();
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
