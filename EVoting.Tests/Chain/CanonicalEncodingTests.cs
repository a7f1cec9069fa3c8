using System.Text;
using EVoting.Chain;

namespace EVoting.Tests.Chain;

/// <summary>Golden bytes: the encodings are restated here field by field, as docs/wire-format.md pins them.</summary>
public class CanonicalEncodingTests
{
    private static string Ascii(string s) => Convert.ToHexStringLower(Encoding.ASCII.GetBytes(s));

    public static Transaction GoldenVote => new()
    {
        Kind = TxKind.Vote,
        ChainId = 1337,
        ElectionId = 7,
        Timestamp = 1_699_360_001,
        Nullifier = "anon-" + new string('a', 64),
        EncryptedVote = [0x02, 0x11],
        BallotHash = new Hash32(Enumerable.Repeat((byte)0x22, 32).ToArray()),
        Proof = [0x33, 0x44, 0x55],
    };

    [Fact]
    public void Vote_transaction_encoding_is_pinned()
    {
        var expected =
            Ascii("EVOTE-TX-V1")
            + "01"                                  // kind: vote
            + "0000000000000539"                    // chain_id 1337
            + "0000000000000007"                    // election_id 7
            + "00000000654a2d01"                    // timestamp 1699360001
            + "00000045" + Ascii("anon-" + new string('a', 64))
            + "00000002" + "0211"                   // encrypted_vote
            + new string('2', 64)                   // ballot_hash
            + "00000003" + "334455";                // proof
        Assert.Equal(expected, Convert.ToHexStringLower(GoldenVote.CanonicalBytes()));
        Assert.Equal(Keccak.Hash32(Convert.FromHexString(expected)), GoldenVote.Hash);
    }

    [Fact]
    public void Election_open_and_close_encodings_are_pinned()
    {
        var open = new Transaction
        {
            Kind = TxKind.ElectionOpen, ChainId = 1, ElectionId = 2, Timestamp = 3,
            PublicKey = [0x03, 0xAB], Candidates = 5, MaxSelections = 1,
        };
        Assert.Equal(
            Ascii("EVOTE-TX-V1") + "02" + "0000000000000001" + "0000000000000002" + "0000000000000003"
            + "00000002" + "03ab" + "00000005" + "00000001",
            Convert.ToHexStringLower(open.CanonicalBytes()));
        // A roll's size is appended only when there is a roll: an election without one hashes as before.
        Assert.Equal(
            Convert.ToHexStringLower(open.CanonicalBytes()) + "00000000000f4240",
            Convert.ToHexStringLower((open with { RollSize = 1_000_000 }).CanonicalBytes()));
        var close = new Transaction { Kind = TxKind.ElectionClose, ChainId = 1, ElectionId = 2, Timestamp = 3 };
        Assert.Equal(
            Ascii("EVOTE-TX-V1") + "03" + "0000000000000001" + "0000000000000002" + "0000000000000003",
            Convert.ToHexStringLower(close.CanonicalBytes()));
    }

    [Fact]
    public void Block_header_encoding_is_pinned()
    {
        var header = new BlockHeader(
            1337, 5, new Hash32(Enumerable.Repeat((byte)0x11, 32).ToArray()), 1_699_360_010_500,
            new Hash32(Enumerable.Repeat((byte)0x22, 32).ToArray()),
            Address.Parse("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23"), 2, 3);
        var expected =
            Ascii("EVOTE-BLOCK-V1")
            + "0000000000000539" + "0000000000000005"
            + new string('1', 64)
            + "0000018ba9bff104"                    // 1699360010500 ms
            + new string('2', 64)
            + "2c7536e3605d9c16a7a3d7b1898e529396a65c23"
            + "00000002" + "00000003";
        Assert.Equal(expected, Convert.ToHexStringLower(header.Encode()));
    }

    [Fact]
    public void Vote_digest_encoding_is_pinned()
    {
        var block = new Hash32(Enumerable.Repeat((byte)0x44, 32).ToArray());
        Assert.Equal(
            Keccak.Hash32(Convert.FromHexString(Ascii("EVOTE-VOTE-V1") + "0000000000000539" + "02" + "0000000000000009" + "00000001" + "01" + new string('4', 64))),
            ConsensusDigest.Vote(1337, VoteType.Precommit, 9, 1, block));
        Assert.Equal(
            Keccak.Hash32(Convert.FromHexString(Ascii("EVOTE-VOTE-V1") + "0000000000000539" + "01" + "0000000000000009" + "00000001" + "00" + new string('0', 64))),
            ConsensusDigest.Vote(1337, VoteType.Prevote, 9, 1, null));
        Assert.Equal(
            Keccak.Hash32(Convert.FromHexString(Ascii("EVOTE-PROPOSAL-V1") + "0000000000000539" + "0000000000000009" + "00000001" + "ffffffff" + new string('4', 64))),
            ConsensusDigest.Proposal(1337, 9, 1, -1, block));
    }

    [Fact]
    public void Transaction_json_round_trips_and_keeps_the_hash()
    {
        var chain = new TestChain();
        var tx = chain.Vote(7, 1);
        var parsed = TransactionJson.Parse(TransactionJson.Serialize(tx));
        Assert.Equal(tx.Hash, parsed.Hash);
        Assert.Equal(chain.Submitter.Address, parsed.Sender);
        Assert.Equal(tx.Hash, TransactionJson.ParseData(TransactionJson.ToData(tx)).Hash);
    }

    [Fact]
    public void An_election_open_keeps_its_roll_size_through_json_and_omits_it_without_a_roll()
    {
        var chain = new TestChain();
        var withRoll = (chain.Open(4) with { RollSize = 250 }).Sign(chain.Submitter);
        var withoutRoll = chain.Open(5);

        var parsed = TransactionJson.Parse(TransactionJson.Serialize(withRoll));

        Assert.Equal((250UL, withRoll.Hash), (parsed.RollSize, parsed.Hash));
        Assert.DoesNotContain("roll_size", TransactionJson.Serialize(withoutRoll));
        Assert.Null(TransactionJson.Parse(TransactionJson.Serialize(withoutRoll)).RollSize);
    }

    [Fact]
    public void Block_json_round_trips_with_its_certificate()
    {
        var chain = new TestChain();
        chain.Commit(chain.Open(7));
        var block = chain.Propose([chain.Vote(7, 1), chain.Vote(7, 2)]);
        block = block.WithCommit(chain.Certify(block));
        var parsed = BlockJson.Parse(BlockJson.Serialize(block));
        Assert.Equal(block.Hash, parsed.Hash);
        Assert.Equal(block.Header, parsed.Header);
        Assert.Equal(block.Signature, parsed.Signature);
        Assert.Equal(block.Commit!.Precommits, parsed.Commit!.Precommits);
        Assert.True(chain.BlockValidator.ValidateFinal(parsed, chain.State, chain.Now, out var error), error);
    }

    [Theory]
    [InlineData("{", "malformed JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{\"type\":\"mint\"}", "'type'")]
    [InlineData("{\"type\":\"vote\",\"chain_id\":-1}", "'chain_id'")]
    [InlineData("{\"type\":\"vote\",\"chain_id\":1,\"election_id\":1,\"timestamp\":1,\"signature\":\"0x12\"}", "'signature'")]
    public void Malformed_transaction_json_is_rejected_with_a_reason(string json, string reason)
    {
        var e = Assert.Throws<FormatException>(() => TransactionJson.Parse(json));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Unknown_transaction_fields_are_rejected()
    {
        var json = TransactionJson.Serialize(new TestChain().Vote(7, 1)).Replace("\"proof\"", "\"extra\":1,\"proof\"");
        Assert.Contains("unknown field 'extra'", Assert.Throws<FormatException>(() => TransactionJson.Parse(json)).Message);
    }

    [Theory]
    [InlineData("0x7b")]
    [InlineData("7b7d")]
    [InlineData("0xzz")]
    [InlineData("0xff")]
    public void Bad_transaction_data_is_rejected(string data)
    {
        Assert.Throws<FormatException>(() => TransactionJson.ParseData(data));
    }

    [Fact]
    public void The_genesis_block_parses_without_a_signature_and_others_need_one()
    {
        var chain = new TestChain();
        var json = BlockJson.Serialize(chain.Genesis.GenesisBlock);
        Assert.Equal(chain.Genesis.Hash, BlockJson.Parse(json).Hash);
        Assert.Equal(chain.Genesis.Hash, BlockJson.Parse(json.Replace("\"block_hash\"", "\"signature\":null,\"block_hash\"")).Hash);

        var block = BlockJson.Serialize(chain.Propose([]));
        var unsigned = System.Text.RegularExpressions.Regex.Replace(block, "\"signature\":\"0x[0-9a-f]+\"", "\"signature\":null");
        Assert.Contains("'signature'", Assert.Throws<FormatException>(() => BlockJson.Parse(unsigned)).Message);
    }
}
