using EVoting.Ballots;
using EVoting.Chain;
using EVoting.Tests.Chain;
using Xunit;

namespace EVoting.Tests.Ballots;

/// <summary>The real ballot rule inside the chain's transaction validation.</summary>
public class BallotRuleTests
{
    private static readonly Election Election = BallotFixtures.Election(id: 5, candidates: 3);
    private static readonly ElectionInfo Info = new(5, BallotFixtures.Key.PublicKey, 3, 1);

    private static Transaction VoteFor(Ballot ballot, ulong electionId = 5, Election? hashElection = null) => new()
    {
        Kind = TxKind.Vote,
        ChainId = 1337,
        ElectionId = electionId,
        Timestamp = 1_699_360_002,
        Nullifier = "anon-" + new string('a', 64),
        EncryptedVote = BallotWire.EncodeCiphertexts(ballot),
        Proof = BallotWire.EncodeProof(ballot),
        BallotHash = new Hash32(BallotHash.Compute(hashElection ?? Election, ballot)),
    };

    [Fact]
    public void Vote_with_a_valid_ballot_passes()
    {
        var rule = new BallotRule();
        Assert.True(rule.Verify(Info, VoteFor(BallotEncryptor.EncryptChoice(Election, 2)), out var error), error);
    }

    [Fact]
    public void Vote_whose_ballot_hash_is_not_its_ciphertexts_hash_fails()
    {
        var vote = VoteFor(BallotEncryptor.EncryptChoice(Election, 2)) with { BallotHash = Keccak.Hash32([1, 2, 3]) };
        Assert.False(new BallotRule().Verify(Info, vote, out var error));
        Assert.Equal(BallotErrors.BallotHashMismatch, error);
    }

    [Fact]
    public void Vote_for_another_election_than_the_rule_is_given_fails()
    {
        var vote = VoteFor(BallotEncryptor.EncryptChoice(Election, 2), electionId: 6);
        Assert.False(new BallotRule().Verify(Info, vote, out var error));
        Assert.Equal(BallotErrors.WrongElection, error);
    }

    [Fact]
    public void Ballot_moved_to_another_election_with_a_matching_hash_fails_its_proofs()
    {
        var other = new Election(6, BallotFixtures.Key.PublicKey, 3, 1);
        var moved = VoteFor(BallotEncryptor.EncryptChoice(Election, 1), electionId: 6, hashElection: other);
        Assert.False(new BallotRule().Verify(Info with { Id = 6 }, moved, out var error));
        Assert.Equal(BallotErrors.RangeProofInvalid, error);
    }

    [Fact]
    public void Vote_with_truncated_proof_or_ciphertexts_fails_on_length()
    {
        var vote = VoteFor(BallotEncryptor.EncryptChoice(Election, 3));
        Assert.False(new BallotRule().Verify(Info, vote with { Proof = vote.Proof[..^1] }, out var error));
        Assert.Equal(BallotErrors.WrongWireLength, error);
        Assert.False(new BallotRule().Verify(Info with { MaxSelections = 2 }, vote, out error));
        Assert.Equal(BallotErrors.WrongWireLength, error);
    }

    [Fact]
    public void Election_with_an_off_curve_key_rejects_votes_with_a_reason()
    {
        var bad = Info with { PublicKey = [0x02, .. new byte[31], 1] };
        var vote = VoteFor(BallotEncryptor.EncryptChoice(Election, 3));
        Assert.False(new BallotRule().Verify(bad, vote, out var error));
        Assert.Contains(BallotErrors.PointNotOnCurve, error);
    }

    [Fact]
    public void Batch_reports_each_bad_vote_and_passes_the_good_ones()
    {
        var votes = Enumerable.Range(0, 6).Select(i => VoteFor(BallotEncryptor.EncryptChoice(Election, i % 4))).ToArray();
        var tamperedProof = (byte[])votes[1].Proof.Clone();
        tamperedProof[40] ^= 1;
        votes[1] = votes[1] with { Proof = tamperedProof };
        votes[4] = votes[4] with { BallotHash = Hash32.Zero };
        var results = new BallotRule().VerifyBatch(votes.Select(v => (Info, v)).ToArray());
        Assert.Equal(new string?[] { null, BallotErrors.RangeProofInvalid, null, null, BallotErrors.BallotHashMismatch, null }, results.AsEnumerable());
    }

    [Fact]
    public void Chain_accepts_a_real_ballot_and_rejects_a_forged_one()
    {
        var chain = new TestChain(ballotRule: new BallotRule());
        var open = new Transaction
        {
            Kind = TxKind.ElectionOpen,
            ChainId = chain.Genesis.ChainId,
            ElectionId = 5,
            Timestamp = 1_699_360_001,
            PublicKey = BallotFixtures.Key.PublicKey,
            Candidates = 3,
            MaxSelections = 1,
        }.Sign(chain.Submitter);
        chain.Commit(open);

        var good = (VoteFor(BallotEncryptor.EncryptChoice(Election, 1)) with { ChainId = chain.Genesis.ChainId }).Sign(chain.Submitter);
        Assert.True(chain.TxValidator.Validate(good, chain.State, out var error), error);
        chain.Commit(good);

        var betaPlusK = BallotEncryptor.EncryptChoice(Election, 1);
        var forged = betaPlusK with
        {
            Ciphertexts = [betaPlusK.Ciphertexts[0] with { Beta = betaPlusK.Ciphertexts[0].Beta.Add(Election.Key).Normalize() }, .. betaPlusK.Ciphertexts.Skip(1)],
        };
        var bad = (VoteFor(forged) with { ChainId = chain.Genesis.ChainId, Nullifier = "anon-" + new string('b', 64) }).Sign(chain.Submitter);
        Assert.False(chain.TxValidator.Validate(bad, chain.State, out error));
        Assert.Contains(BallotErrors.RangeProofInvalid, error);
    }
}
