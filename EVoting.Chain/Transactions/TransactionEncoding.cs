namespace EVoting.Chain;

/// <summary>
/// The canonical transaction encoding (docs/wire-format.md §Transactions):
/// "EVOTE-TX-V1" ‖ u8 kind ‖ u64 chain_id ‖ u64 election_id ‖ i64 timestamp ‖ body, where the body is
/// vote: bytes(utf8 voter_id) ‖ bytes(encrypted_vote) ‖ ballot_hash[32] ‖ bytes(proof);
/// election_open: bytes(public_key) ‖ u32 candidates ‖ u32 max_selections, then, when it carries the election record,
/// bytes(utf8 title) ‖ u32 n ‖ n × bytes(utf8 name) ‖ bytes(utf8 ceremony JSON), and last, when the election has a
/// voter roll, u64 roll_size; election_close: nothing;
/// election_tally: u32 total_ballots ‖ bytes(utf8 results JSON).
/// </summary>
public static class TransactionEncoding
{
    public const string Domain = "EVOTE-TX-V1";

    public static byte[] Encode(Transaction tx)
    {
        var w = new CanonicalWriter(Domain)
            .U8((byte)tx.Kind)
            .U64(tx.ChainId)
            .U64(tx.ElectionId)
            .I64(tx.Timestamp);
        switch (tx.Kind)
        {
            case TxKind.Vote:
                w.Utf8(tx.Nullifier).Bytes(tx.EncryptedVote).Raw(tx.BallotHash.Span).Bytes(tx.Proof);
                break;
            case TxKind.ElectionOpen:
                w.Bytes(tx.PublicKey).U32((uint)tx.Candidates).U32((uint)tx.MaxSelections);
                // Absent, the bytes are those of an election_open from before the record existed.
                if (tx.HasElectionRecord)
                {
                    w.Utf8(tx.Title).U32((uint)tx.CandidateNames.Count);
                    foreach (var name in tx.CandidateNames)
                        w.Utf8(name);
                    w.Utf8(tx.Ceremony);
                }
                // Last and fixed-size: a record is at least 13 bytes, so neither form can read as the other.
                if (tx.RollSize is { } rollSize)
                    w.U64(rollSize);
                break;
            case TxKind.ElectionTally:
                w.U32((uint)tx.TotalBallots).Utf8(tx.Results);
                break;
            case TxKind.ElectionClose:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(tx), "unknown transaction kind");
        }
        return w.ToArray();
    }
}
