namespace EVoting.Chain;

/// <summary>
/// A block header. <see cref="Round"/> is the consensus round the block was proposed in, so anyone
/// can check the proposer against the schedule `validators[(index + round) mod n]`.
/// </summary>
public sealed record BlockHeader(
    ulong ChainId,
    ulong Index,
    Hash32 PrevHash,
    long TimestampMs,
    Hash32 TransactionsRoot,
    Address Validator,
    int Round,
    int TxCount)
{
    public const string Domain = "EVOTE-BLOCK-V1";

    /// <summary>
    /// "EVOTE-BLOCK-V1" ‖ u64 chain_id ‖ u64 index ‖ prev_hash[32] ‖ i64 timestamp_ms ‖
    /// transactions_root[32] ‖ validator[20] ‖ u32 round ‖ u32 tx_count (docs/wire-format.md).
    /// </summary>
    public byte[] Encode() => new CanonicalWriter(Domain)
        .U64(ChainId)
        .U64(Index)
        .Raw(PrevHash.Span)
        .I64(TimestampMs)
        .Raw(TransactionsRoot.Span)
        .Raw(Validator.Span)
        .U32((uint)Round)
        .U32((uint)TxCount)
        .ToArray();

    public Hash32 ComputeHash() => Keccak.Hash32(Encode());
}
