namespace EVoting.Chain;

/// <summary>
/// The canonical transaction encoding (docs/wire-format.md §Transactions):
/// "EVOTE-TX-V1" ‖ u8 kind ‖ u64 chain_id ‖ u64 election_id ‖ i64 timestamp ‖ body, where the body is
/// vote: bytes(utf8 voter_id) ‖ bytes(encrypted_vote) ‖ ballot_hash[32] ‖ bytes(proof);
/// election_open: bytes(public_key) ‖ u32 candidates ‖ u32 max_selections [‖ u64 roll_size when the
/// election has a roll]; election_close: nothing.
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
                if (tx.RollSize is { } rollSize)
                    w.U64(rollSize);
                break;
            case TxKind.ElectionClose:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(tx), "unknown transaction kind");
        }
        return w.ToArray();
    }
}
