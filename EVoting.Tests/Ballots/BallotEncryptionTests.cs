using EVoting.Ballots;
using Xunit;

namespace EVoting.Tests.Ballots;

public class BallotEncryptionTests
{
    [Theory]
    [InlineData(5, 1, new[] { 3 })]
    [InlineData(5, 1, new int[0])]
    [InlineData(1, 1, new[] { 1 })]
    [InlineData(4, 2, new[] { 1, 4 })]
    [InlineData(4, 3, new[] { 2 })]
    public void Encrypted_ballot_verifies(int candidates, int maxSelections, int[] chosen)
    {
        var election = BallotFixtures.Election(candidates: candidates, maxSelections: maxSelections);
        var ballot = BallotEncryptor.Encrypt(election, BallotFixtures.OneHot(candidates, chosen));
        Assert.Null(BallotVerifier.Verify(election, ballot));
    }

    [Fact]
    public void Ballot_survives_a_JSON_round_trip_and_still_verifies()
    {
        var election = BallotFixtures.Election();
        var ballot = BallotEncryptor.EncryptChoice(election, 2);
        var json = BallotJson.Serialize(ballot);
        var parsed = BallotJson.Parse(json);
        Assert.Equal(json, BallotJson.Serialize(parsed));
        Assert.Null(BallotVerifier.VerifyJson(election, json));
    }

    [Fact]
    public void Ballot_survives_a_wire_round_trip_and_the_hash_is_the_same()
    {
        var election = BallotFixtures.Election(maxSelections: 2);
        var ballot = BallotEncryptor.Encrypt(election, BallotFixtures.OneHot(5, 1, 5));
        var vote = BallotWire.EncodeCiphertexts(ballot);
        var proof = BallotWire.EncodeProof(ballot);
        Assert.Equal(5 * 66, vote.Length);
        Assert.Equal((5 * 4 + 2 * 3) * 32, proof.Length);
        var decoded = BallotWire.Decode(election.Id, vote, proof, 5, 2);
        Assert.Equal(BallotJson.Serialize(ballot), BallotJson.Serialize(decoded));
        Assert.Equal(BallotHash.Compute(election, ballot), BallotHash.FromEncryptedVote(election, vote));
        Assert.Null(BallotVerifier.Verify(election, decoded));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Wire_form_with_the_wrong_length_is_rejected(int delta)
    {
        var election = BallotFixtures.Election();
        var ballot = BallotEncryptor.EncryptChoice(election, 1);
        var vote = BallotWire.EncodeCiphertexts(ballot);
        var proof = BallotWire.EncodeProof(ballot);
        var longerVote = new byte[vote.Length + delta];
        vote.AsSpan(0, Math.Min(vote.Length, longerVote.Length)).CopyTo(longerVote);
        Assert.False(BallotWire.TryDecode(7, longerVote, proof, 5, 1, out _, out var reason));
        Assert.Equal(BallotErrors.WrongWireLength, reason);
        Assert.False(BallotWire.TryDecode(7, vote, proof, 5, 2, out _, out reason));
        Assert.Equal(BallotErrors.WrongWireLength, reason);
    }

    [Fact]
    public void Encryption_refuses_more_selections_than_allowed()
    {
        var election = BallotFixtures.Election();
        Assert.Throws<ArgumentException>(() => BallotEncryptor.Encrypt(election, BallotFixtures.OneHot(5, 1, 2)));
        Assert.Throws<ArgumentException>(() => BallotEncryptor.Encrypt(election, [0, 2, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => BallotEncryptor.Encrypt(election, [0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BallotEncryptor.EncryptChoice(election, 6));
    }

    [Fact]
    public void Ballot_hash_binds_the_election()
    {
        var ballot = BallotEncryptor.EncryptChoice(BallotFixtures.Election(id: 7), 1);
        var moved = ballot with { ElectionId = 8 };
        Assert.NotEqual(BallotHash.ComputeHex(BallotFixtures.Election(id: 7), ballot), BallotHash.ComputeHex(BallotFixtures.Election(id: 8), moved));
    }

    [Fact]
    public void Every_single_byte_change_of_the_wire_form_is_rejected_or_changes_nothing_valid()
    {
        var election = BallotFixtures.Election(candidates: 2);
        var ballot = BallotEncryptor.EncryptChoice(election, 2);
        var vote = BallotWire.EncodeCiphertexts(ballot);
        var proof = BallotWire.EncodeProof(ballot);
        var rng = new Random(1);
        for (var trial = 0; trial < 40; trial++)
        {
            var tamperedVote = (byte[])vote.Clone();
            var tamperedProof = (byte[])proof.Clone();
            var inVote = trial % 2 == 0;
            var target = inVote ? tamperedVote : tamperedProof;
            target[rng.Next(target.Length)] ^= (byte)(1 << rng.Next(8));
            var reason = BallotWire.TryDecode(election.Id, tamperedVote, tamperedProof, 2, 1, out var decoded, out var parseReason)
                ? BallotVerifier.Verify(election, decoded!)
                : parseReason;
            Assert.NotNull(reason);
        }
    }
}
